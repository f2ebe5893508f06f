# kanshu 的介面：繁體中文。每行一條：`key = 文字`，佔位符寫作 { $name }。
# 每個鍵在 en.ftl 和 zh-Hans.ftl 裡也都有（測試會檢查）。

## Reading: messages in the status bar
msg-count-first-percent = 請先輸入數字，例如 37%
msg-count-first-key = 請先輸入數字，例如 37{ $key }
msg-count-first = 請先輸入數字
msg-no-earlier-jump = 沒有更早的跳轉
msg-no-later-jump = 沒有更晚的跳轉
msg-book-end = 已到書末
msg-book-start = 已到書首
msg-last-chapter = 已是最後一章
msg-first-chapter = 已是第一章
msg-no-chapter-total = 沒有第 { $n } 章：本書共 { $total } 章
msg-percent-range = 百分比須在 0 到 100 之間

## Bookmarks
msg-bookmarks-need-file = 只有從檔案開啟的書才能儲存書籤
msg-no-bookmarks-key = 還沒有書籤：按 { $key } 新增
msg-no-bookmarks = 還沒有書籤
msg-bookmark-deleted-undo = 已刪除「{ $name }」 · 按 { $key } 復原
msg-bookmark-deleted = 已刪除「{ $name }」
msg-nothing-to-undo = 沒有可復原的操作
msg-bookmark-restored = 已恢復「{ $name }」
msg-bookmarked = 已加書籤：{ $name }

## The library
sort-last-read = 最近閱讀
sort-title = 書名
sort-progress = 進度
msg-no-library = 書庫不可用：無法使用設定目錄
msg-library-empty = 書庫是空的：讀過的書會出現在這裡
msg-file-gone = 檔案已不在：{ $path }
msg-sorted-by = 按{ $order }排序
msg-current-stays = 正在讀的書不能移出書庫
msg-removed-undo = 已從書庫移除（按 { $key } 復原）：{ $title }
msg-removed = 已從書庫移除：{ $title }
msg-back-in-library = { $title } 已回到書庫
msg-opened = 已開啟 { $title }

## Links, footnotes, zen and the time left
msg-no-links = 本頁沒有連結
msg-no-anchor = 書中沒有 #{ $anchor } 這個位置
msg-link = 連結：{ $url }
link-place = { $chapter } · { $percent }%
link-missing = #{ $anchor }（書中沒有這個位置）
msg-no-footnote = 本頁沒有腳註
msg-speed-not-saved = 閱讀速度未能儲存：{ $reason }
msg-zen-on-key = 禪模式：狀態列已隱藏，按 { $key } 顯示
msg-zen-on = 禪模式：狀態列已隱藏
msg-zen-off = 狀態列已顯示
time-under-minute = 不到 1 分鐘
time-minutes = { $min } 分鐘
time-hours = { $hours } 小時 { $min } 分

## The file picker
msg-picker-cut = 只列出前 { $count } 項
msg-no-such-path = 沒有這個檔案或資料夾：{ $path }
msg-nothing-matches-typed = 沒有與輸入相符的項

## Settings changed while reading
msg-width-shown = 文字寬度 { $width }（視窗只顯示 { $shown }）
msg-width = 文字寬度 { $width }
msg-theme-no-color = 主題 { $name }（已設 NO_COLOR：不顯示顏色）
msg-theme = 主題 { $name }
msg-spread-too-narrow = 雙頁：已開（視窗太窄，放不下兩頁）
msg-spread-two = 雙頁
msg-spread-one = 單頁
msg-no-config-file = 沒有可儲存的設定檔
msg-settings-saved = 設定已儲存到 { $path }
msg-settings-not-saved = 設定未能儲存：{ $reason }

## Hints: a key and what it does, in footers and on the first screen
hint-key = { $key } { $what }
hint-help = 說明
hint-contents = 目錄
hint-search = 搜尋
hint-quit = 離開
hint-jump = 跳轉
hint-filter = 篩選
hint-fold = 摺疊
hint-close = 關閉
hint-open = 開啟
hint-remove = 移除
hint-undo = 復原
hint-sort = 排序
hint-files = 檔案
hint-follow = 前往
hint-scroll = 捲動
hint-up = 上一級
hint-rename = 重新命名
hint-delete = 刪除
hint-keep = 保留
hint-cancel = 取消
hint-regex = 正規
hint-save = 儲存
hint-new-line = 換行
hint-editor = $EDITOR
hint-note = 筆記
hint-done = 完成

## The prompt and the command line
msg-history-not-saved = 無法儲存搜尋記錄：{ $reason }
msg-type-to-search = 輸入要搜尋的文字
msg-script-search-on = 簡繁互相匹配：開
msg-script-search-off = 簡繁互相匹配：關
msg-not-percent = 不是百分比：{ $text }
msg-unknown-command = 未知命令：{ $text }（試試 :42、:2.1、:+3 或 :37%）
prompt-bookmark-name = 書籤名：
prompt-rename = 重新命名：

## Search
msg-no-search-to-list-key = 沒有可列出的搜尋：按 { $key } 搜尋
msg-no-search-to-list = 沒有可列出的搜尋
msg-still-counting = 還在統計匹配數，請稍後再試
msg-no-match-filter = 沒有匹配項符合篩選
msg-search-thread = 無法在背景搜尋：{ $reason }
msg-not-found = 找不到：{ $text }
search-too-costly = 正規表示式太耗時，無法搜尋整本書（請用較小的重複次數）
search-bad-regex = 正規表示式有誤：{ $reason }
msg-no-search-key = 沒有搜尋：按 { $key } 搜尋
msg-no-search = 沒有搜尋
msg-wrapped-end = 已搜到書末，從書首繼續
msg-wrapped-start = 已搜到書首，從書末繼續

## The contents
msg-no-chapter-filter = 沒有章節符合篩選
msg-chapter-in-volume = { $volume }的第 { $number } 章（:{ $label }）；另有 { $others } 卷也有第 { $number } 章
msg-no-volume-chapter-numbered = 沒有第 { $volume }.{ $number } 章：本書編號的章節共 { $total } 章
msg-no-volume-chapter-total = 沒有第 { $volume }.{ $number } 章：本書共 { $total } 章
msg-no-chapter-numbered = 沒有第 { $number } 章：本書編號的章節共 { $total } 章

## Views of the text
msg-offer-clean-both = { $key }：整潔檢視，隱藏「戰(zhàn)」這樣的拼音和 HTML 殘留
msg-offer-clean-pinyin = { $key }：整潔檢視，隱藏「戰(zhàn)」這樣的拼音
msg-offer-clean-html = { $key }：整潔檢視，隱藏 </p> 這樣的 HTML 殘留
msg-no-cjk-script = 本書沒有漢字：簡繁轉換不會有變化
msg-no-cjk-clean = 本書沒有中文：沒有拼音可隱藏
msg-no-cjk-vertical = 直排只用於中文和日文，不適合本書
msg-script-original = 顯示為：原文
msg-script-simplified = 顯示為：簡體
msg-script-traditional = 顯示為：繁體
msg-clean-on = 整潔檢視：已隱藏拼音注音和 HTML 殘留
msg-clean-off = 整潔檢視已關：顯示原文
msg-vertical-on = 直排
msg-vertical-off = 橫排

## Help: what each action does (the same words as src/keys/action.rs)
action-next_page = 下一頁
action-prev_page = 上一頁
action-page_left = 向左翻頁（直排時為下一頁）
action-page_right = 向右翻頁（直排時為上一頁）
action-line_down = 向下捲動一行
action-line_up = 向上捲動一行
action-half_page_down = 向下捲動半頁
action-half_page_up = 向上捲動半頁
action-toggle_zen = 禪模式：隱藏或重新顯示狀態列
action-next_chapter = 下一章
action-prev_chapter = 上一章
action-next_match_or_chapter = 搜尋時到下一個匹配，否則到下一章
action-book_start = 書首（帶數字：到那一章）
action-book_end = 書末（帶數字：到那一章）
action-percent = 帶數字：到全書的那個百分比
action-command_line = 命令列：:42 第 42 章，:2.1，:+3，:37% 百分比
action-jump_back = 跳回（上次跳轉之前）
action-jump_forward = 再向前跳（復原跳回）
action-search_forward = 向下搜尋
action-search_backward = 向上搜尋（?? 開啟說明）
action-search_next = 下一個匹配
action-search_prev = 上一個匹配
action-search_results = 列出搜尋的所有匹配
action-toggle_toc = 目錄
action-toggle_script = 顯示為：原文 → 簡體 → 繁體
action-toggle_clean = 整潔檢視：隱藏拼音和 HTML 殘留
action-toggle_vertical = 直排，從右往左讀
action-wider = 加寬文字欄
action-narrower = 收窄文字欄
action-cycle_theme = 下一個配色主題
action-toggle_spread = 雙頁並排或單頁
action-save_settings = 把寬度、主題和雙頁儲存到 config.toml
action-help = 本說明
action-close = 關閉 / 清除搜尋
action-redraw = 重繪螢幕
action-quit = 離開
action-select_next = 下一項
action-select_prev = 上一項
action-select_page_down = 清單向下翻一頁
action-select_page_up = 清單向上翻一頁
action-select_first = 第一項
action-select_last = 最後一項
action-start_filter = 按標題篩選（直接輸入也可以）
action-fold = 摺疊本卷
action-unfold = 展開本卷
action-confirm = 跳到那裡 / 執行
action-delete_back = 刪除一個字元
action-cursor_left = 游標左移一個字元
action-cursor_right = 游標右移一個字元
action-line_start = 游標移到行首
action-line_end = 游標移到行尾
action-delete_forward = 刪除游標處的字元
action-delete_word = 刪除游標前的詞
action-delete_to_start = 刪除游標前的全部內容
action-history_prev = 更早的搜尋
action-history_next = 更晚的搜尋
action-toggle_regex = 正規表示式開/關
action-toggle_script_search = 簡繁字互相匹配 開/關
action-add_bookmark = 給頁首加書籤（會詢問名稱）
action-bookmarks = 書籤
action-library = 最近讀過的書（書庫）
action-links = 本頁的連結及其去向
action-footnotes = 本頁引用的腳註
action-open_picker = 從資料夾開啟一本書
action-cycle_sort = 按最近閱讀、書名或進度排序
action-rename = 重新命名書籤
action-delete = 刪除書籤
action-undo = 復原上一次刪除
action-toggle_ruby = 注音：顯示為 漢字(かんじ) 或隱藏
action-images = 本頁圖片：名稱、類型、大小、像素
action-select = 選取文字（然後複製或加螢光標記）
action-copy_paragraph = 複製頁首的段落
action-cursor_down = 游標下移一行
action-cursor_up = 游標上移一行
action-word_next = 游標移到下一個詞（中文：下一個字）
action-word_prev = 游標移到上一個詞（中文：上一個字）
action-paragraph_next = 游標移到下一段
action-paragraph_prev = 游標移到段首（或上一段）
action-swap_ends = 跳到選取範圍的另一端
action-copy = 把選取的文字複製到剪貼簿
action-highlight = 為選取範圍加螢光標記（用上次的顏色）
action-highlight_first = 用第一種顏色加螢光標記
action-highlight_second = 用第二種顏色加螢光標記
action-highlight_third = 用第三種顏色加螢光標記
action-highlight_fourth = 用第四種顏色加螢光標記
action-highlight_note = 為選取範圍加螢光標記並寫筆記
action-highlights = 螢光標記與筆記
action-edit_note = 編輯本頁螢光標記的筆記
action-new_line = 換行
action-external_editor = 在 $VISUAL / $EDITOR 中編輯筆記

## Help: what an action does in one mode
action-close--toc = 關閉目錄
action-confirm--toc = 跳到這一章
action-close--toc_filter = 清除篩選
action-confirm--toc_filter = 跳到這一章
action-close--help = 關閉說明
action-close--bookmarks = 關閉列表
action-close--library = 清除篩選，否則關閉書庫
action-start_filter--library = 按書名或檔名篩選（直接輸入也可以）
action-confirm--library = 開啟這本書
action-delete--library = 把這本書移出書庫
action-undo--library = 恢復上次移出的書
action-close--picker = 清除已輸入的內容，否則關閉
action-confirm--picker = 開啟這本書或資料夾（或輸入的路徑）
action-delete_back--picker = 刪除一個字元，否則回到上一級資料夾
action-next_page--help = 向下捲動一頁
action-prev_page--help = 向上捲動一頁
action-select_first--help = 說明的開頭
action-select_last--help = 說明的結尾
action-close--prompt = 取消（回到搜尋開始的地方）
action-confirm--prompt = 保留搜尋 / 執行命令
action-close--select = 結束選取
action-select--select = 從游標處重新開始選取
action-next_page--select = 游標後移一頁
action-prev_page--select = 游標前移一頁
action-copy_paragraph--select = 複製游標所在的段落
action-confirm--highlights = 跳到這個螢光標記
action-edit_note--highlights = 編輯它的筆記
action-delete--highlights = 刪除這個螢光標記
action-undo--highlights = 恢復上次刪除的螢光標記
action-close--highlights = 清除篩選，否則關閉清單
action-start_filter--highlights = 按文字、筆記或章節篩選（直接輸入也可以）
action-confirm--highlights_filter = 跳到這個螢光標記
action-close--highlights_filter = 結束輸入（保留篩選）
action-confirm--note_editor = 儲存筆記
action-close--note_editor = 取消：原來的筆記不變，剛做的螢光標記也取消
action-delete_to_start--note_editor = 刪除從行首到游標的內容
action-delete_back--note_editor = 刪除一個字元（在行首：與上一行合併）
action-line_up--note_editor = 游標上移一行
action-line_down--note_editor = 游標下移一行
action-confirm--bookmarks = 跳到這個書籤
action-close--links = 關閉清單
action-confirm--links = 開啟連結（或顯示它的網址）
action-close--notes = 關閉視窗
action-next_page--notes = 向下捲動一頁
action-prev_page--notes = 向上捲動一頁
action-select_first--notes = 到頂端
action-select_last--notes = 到底端

## Help: the sections (one per mode)
mode-reader = 閱讀
mode-toc = 目錄
mode-toc_filter = 目錄（篩選中）
mode-help = 說明
mode-prompt = 搜尋、命令和名稱輸入
mode-bookmarks = 書籤
mode-library = 書庫
mode-links = 本頁連結
mode-picker = 開啟一本書
mode-notes = 本頁腳註
mode-select = 選取文字
mode-highlights = 螢光標記與筆記
mode-highlights_filter = 螢光標記與筆記（篩選中）
mode-note_editor = 筆記編輯器

## Help: the notes under the keys and the box
help-title = {" "}按鍵{" "}
help-count-chapter = { $keys } 第 42 章
help-count-percent = { $keys } 百分比
help-count-matches = { $keys } 往後第三個匹配/章
help-counts = 前置數字：{ $list }
help-filter-key = 在目錄裡直接輸入即可篩選；{ $key }?（在空的向上搜尋裡按 ?）開啟說明
help-filter = 在目錄裡直接輸入即可篩選

## The status bar
status-counting = 統計中…
status-match = 第 { $n }/{ $total } 個匹配
status-searching = 搜尋中…
status-no-match = 無匹配
status-left-both = 本章剩 { $chapter } · 全書剩 { $book }
status-left-chapter = 本章剩 { $time }
status-left-book = 全書剩 { $time }
small-enlarge = 請把視窗放大
small-at-least = （至少 16×3）

## Popup titles and list lines
title-contents = {" "}目錄（{ $count }）{" "}
title-contents-filter = {" "}目錄 /{ $filter }{" "}
title-matches = {" "}「{ $query }」的匹配（{ $count }）{" "}
title-matches-filter = {" "}「{ $query }」的匹配 /{ $filter }{" "}
title-bookmarks = {" "}書籤（{ $count }）{" "}
title-library = {" "}書庫（{ $count }）· 按{ $order }{" "}
title-library-filter = {" "}書庫（{ $shown }/{ $total }）· /{ $filter }{ $cursor }{" "}
title-links = {" "}本頁連結（{ $count }）{" "}
title-footnote = {" "}腳註{" "}
title-footnotes = {" "}本頁腳註（{ $count }）{" "}
title-open = {" "}開啟：{ $folder }{" "}
list-no-chapter-matches = 沒有符合的章節
list-no-match = 無匹配
list-missing = 已不在：{ $path }
list-picker-typed = 輸入文字篩選，或輸入路徑：~/books
list-empty-folder = 空資料夾
list-nothing-matches = 沒有符合的項
list-note-no-text = （本書沒有這條註的文字）
title-counted = {" "}{ $title }（{ $count }）{" "}

## The command line
msg-store-unavailable = 書籤無法儲存：{ $reason }
err-not-found = { $path }：沒有這個檔案
err-is-directory = { $path }：是資料夾，不是純文字檔案
err-not-a-file = { $path }：不是普通檔案（是管道、通訊端或裝置）；請給 kanshu 一個純文字檔案
err-permission = { $path }：沒有權限
err-io = { $path }：無法讀取：{ $reason }
err-binary = { $path }：看起來是二進位檔案，不是文字
err-too-large = { $path }：超過 { $limit } MB，kanshu 最多讀這麼大；可用 --max-size-mb 或 [book] max_size_mb 調高
err-unpacks-too-large = { $path }：解壓縮後超過 { $limit } MB，kanshu 最多讀這麼大；可用 --max-size-mb 或 [book] max_size_mb 調高
err-unknown-encoding = 未知編碼 `{ $label }`（試試 utf-8、gbk、gb18030、big5、utf-16le、shift_jis、euc-kr、windows-1252）
err-unusable-encoding = 編碼 `{ $label }` 無法解碼書（它把任何檔案都讀成一個替換字元）；請指定書的真實編碼，例如 gbk、big5、utf-8

## kanshu info (labels for people; --json keeps its own names)
info-path = 路徑：
info-bytes = 位元組：
info-encoding = 編碼：
info-characters = 字元：
info-lines = 行數：
info-chapters = 章節：
info-rule = 規則：
info-headings = 標題：
info-paragraphs = 段落：
info-paragraphs-markup = { $count }（依書中的標記分段）
info-title = 書名：
info-authors = 作者：
info-language = 語言：
info-publisher = 出版者：
info-epub = EPUB：
info-epub-version = 版本 { $version }
info-images = 圖片：
info-notes = 註釋：
info-writing = 排版：
info-vertical = 直排
info-control = 控制字元：{ $count }
info-undecodable = 無法解碼：{ $count } 處位元組序列顯示為 �
info-artifacts = 殘留：{ $annotations } 處拼音注音，{ $leftovers } 處 HTML 殘留（--clean 可隱藏）
cli-no-nth-book = 書庫裡沒有第 { $n } 本書：書庫共有 { $count } 本（kanshu recent 可列出）
cli-no-recent-match = 沒有與 `{ $pattern }` 相符的最近讀過的書（kanshu recent 可列出）
cli-stdin-is-terminal = `-` 從標準輸入讀書，但這裡的標準輸入是終端機：請用管道傳入一本書（`cat book.txt | kanshu toc -`）
cli-did-you-mean = { $word }：沒有這個檔案，也沒有這個指令：你是想用 `{ $meant }` 嗎？
cli-config-defaults = { $problem }（改用預設設定）
cli-stdin-empty = 標準輸入是空的：沒有書可讀
cli-stdin-typing = 正在從標準輸入（就是這個終端機）讀取書的內容：請輸入或貼上，然後在新的一行按 { $key } 結束
cli-stdin-not-keys = 無法從標準輸入讀取按鍵：它是管道或檔案，不是終端機（要從中讀書，請把書名寫作 `-`：… | kanshu -）
cli-folder-needs-terminal = 資料夾會開啟檔案選擇器，須在終端機裡執行
msg-last-book-gone-key = 上次讀的書已不在：{ $path } · 按 { $key } 開啟書庫
msg-last-book-gone = 上次讀的書已不在：{ $path }
msg-cannot-reopen = 無法重新開啟上次讀的書：{ $reason }
cli-no-bookmarks-in-book = 這本書還沒有書籤（閱讀時按 m 新增）
cli-no-bookmarks = 還沒有書籤（閱讀時按 m 新增）
cli-no-books = 還沒有讀過的書
cli-no-highlights-in-book = 這本書還沒有螢光標記
cli-no-highlights = 還沒有螢光標記
cli-config-none = ok：{ $path } 沒有設定檔（使用預設設定）
cli-config-is-directory = { $path }：是資料夾，不是設定檔
cli-width-narrow = --width { $width } 太窄：至少要 2
cli-height-zero = --height 至少要 1
cli-page-too-large = --width { $width } --height { $height } 太大：一頁最寬 { $max_width } 格、最高 { $max_height } 行
cli-at-range = --at { $at } 超出範圍：請給 0 到 100 之間的百分比
cli-page-range = 第 { $page } 頁超出範圍：寬 { $width }、高 { $height } 時第 { $chapter } 章共 { $pages } 頁
cli-chapter-spec = --chapter { $spec }：請給 37 這樣的數字，或用 2.1 表示第 2 卷第 1 章
cli-chapter-range = 第 { $spec } 章超出範圍：本書共 { $total } 章
info-rules-stopped = ；{ $stopped }（停在全書 { $percent }% 處）
info-epub-contents = 目錄取自書中的 { $source }

## Problems in config.toml (what comes from the file or the TOML parser stays as it is)
cfg-did-you-mean = ，你是說 `{ $name }` 嗎？
cfg-io = 無法讀取：{ $reason }
cfg-syntax = TOML 格式錯誤：{ $message }
cfg-wrong-type = `{ $key }` 應為 { $expected }，卻是 { $found }
cfg-unknown-key = 未知的鍵 `{ $name }`{ $hint }
cfg-unknown-key-in = [{ $section }] 裡有未知的鍵 `{ $name }`{ $hint }
cfg-out-of-range = `{ $key }` 應在 { $min } 到 { $max } 之間，卻是 { $found }
cfg-not-one-of = `{ $key }` 應為 { $allowed } 之一，卻是 { $found }{ $hint }
cfg-missing = `{ $key }` 缺少 `{ $name }`
cfg-key-problem = `{ $key }`：{ $problem }
cfg-unknown-action = `{ $key }`：沒有 `{ $action }` 這個動作{ $hint }
cfg-shadowed = `{ $key }` 永遠無法輸入：單獨的 `{ $prefix }` 已綁定到 `{ $action }`（先把它設為 "none"）
cfg-bad-regex = `{ $key }`：正規表示式 `{ $pattern }` 無效：{ $reason }
cfg-unknown-encoding = `{ $key }`：未知編碼 `{ $label }`（請用 "auto" 或 utf-8、gbk、gb18030、big5、utf-16le 這樣的名稱）
cfg-unusable-encoding = `{ $key }`：編碼 `{ $label }` 無法解碼書（它把任何檔案都讀成一個替換字元）；請用 "auto" 或 utf-8、gbk、big5 這樣的名稱
cfg-bindings = 個綁定
cfg-rules = 條規則
cfg-too-many = `{ $key }` 有 { $count } { $what }；最多允許 { $max }
cfg-no-quit = `{ $key }`：沒有鍵綁定到 "quit"；請至少保留一個（例如 q = "quit" 或 ctrl-c = "quit"）
cfg-invalid = 設定無效
cfg-and-more = { $first }（另有 { $count } 個問題）
cli-config-problems = { $path }：{ $count } 個問題
cfg-type-nothing = 空
cfg-type-table = 表
cfg-type-array-of-tables = 表陣列
cfg-type-string = 字串
cfg-type-integer = 整數
cfg-type-float = 小數
cfg-type-boolean = 布林值
cfg-type-date = 日期
cfg-type-array = 陣列
cfg-type-true-or-false = true 或 false
cfg-type-auto-or-cells = "auto" 或格數
cfg-type-auto-or-bool = "auto"、true 或 false
cfg-type-status-list = ["chapter", "percent"] 這樣的列表
cfg-type-colour = 顏色（字串或 0–255）
cfg-type-rule-table = 表 {"{"} pattern = …, level = … {"}"}
cfg-type-rules = 規則陣列
cfg-type-percentage = 百分比（0–100）
cfg-type-one-of = { $list } 之一

## Heading rules that took too long (status bar, stderr, kanshu info)
msg-rules-stopped = 標題規則 `{ $rule }` 太慢（超過 { $budget }）：已改用內建規則
unit-seconds = { $n } 秒
unit-milliseconds = { $n } 毫秒

## Selecting, copying and highlighting
status-selecting = 選取中 · { $count } 個字
msg-copied = 已複製 { $count } 個字
msg-copied-paragraph = 已複製整段：{ $count } 個字
msg-highlighted = 已加螢光標記：{ $count } 個字（顏色 { $colour }）
msg-nothing-to-copy = 這裡沒有可複製的文字
msg-highlights-need-file = 只有從檔案開啟的書才能儲存螢光標記

## Highlights and notes
msg-no-highlights = 還沒有螢光標記
msg-no-highlight-here = 本頁沒有螢光標記
msg-no-highlight-here-key = 本頁沒有螢光標記 · 按 { $key } 列出所有螢光標記
msg-first-of-notes = 這是本頁 { $count } 則筆記中的第一則 · 按 { $key } 列出全部
msg-no-highlight-filter = 沒有螢光標記符合篩選
msg-highlight-deleted-undo = 已刪除螢光標記「{ $quote }」 · 按 { $key } 復原
msg-highlight-deleted = 已刪除螢光標記「{ $quote }」
msg-highlight-cancelled-undo = 沒有寫筆記：螢光標記已取消 · 按 { $list } 再按 { $key } 復原
msg-highlight-cancelled = 沒有寫筆記：螢光標記已取消
msg-highlight-restored = 螢光標記已恢復
msg-orphaned = 原文已不在書中：這裡是它原本所在位置附近
msg-note-saved = 筆記已儲存
msg-note-removed = 筆記已刪除
msg-note-unchanged = 筆記沒有變更
msg-note-full = 一則筆記最多 1 萬字
msg-no-editor = 設定 $VISUAL 或 $EDITOR 後即可在自己的編輯器裡編輯筆記
title-note = {" "}筆記 · { $chapter }{" "}
note-placeholder = 輸入筆記
title-highlights = {" "}螢光標記與筆記（{ $count }）{" "}
title-highlights-filter = {" "}螢光標記（{ $shown }/{ $total }）· /{ $filter }{ $cursor }{" "}
list-no-highlight-matches = 沒有符合的螢光標記
list-orphaned-long = 原文已不在書中
list-orphaned = 原文已不在

## Ruby and images
msg-ruby-shown = 注音：顯示為 漢字(かんじ)
msg-ruby-hidden = 注音：已隱藏
msg-ruby-shown-none = 注音：顯示為 漢字(かんじ)（本書沒有注音）
msg-ruby-hidden-none = 注音：已隱藏（本書沒有注音）
title-images = 本頁圖片
msg-no-image = 本頁沒有圖片
image-line = { $kind } · { $bytes } 位元組 · { $pixels }
image-missing = { $kind } · 書中找不到
image-unknown-type = 類型不明
image-pixels = { $width } × { $height } 像素
image-pixels-unknown = 像素尺寸不明

## The terminal
tui-cannot-draw = 無法繪製畫面：{ $reason }
tui-cannot-set-up = 無法設定終端機：{ $reason }
tui-cannot-take-back = 無法收回終端機：{ $reason }
tui-cannot-read-terminal = 無法讀取終端機：{ $reason }
tui-cannot-read-keys = 無法讀取按鍵：{ $reason }
tui-terminal = 終端機：{ $reason }

## The note in $EDITOR
editor-cannot-make-file = 無法為編輯器建立檔案：{ $reason }
editor-failed = { $program } 結束（{ $status }）：筆記沒有變更
editor-cannot-run = 無法執行 { $program }：{ $reason }
editor-cannot-read-back = 無法讀回筆記：{ $reason }

## What could not be saved (said on exit)
unsaved-place = 閱讀位置
unsaved-and = 、
unsaved-bookmarks = { $count } 處書籤變更
unsaved-highlights = { $count } 處螢光標記變更
unsaved-line = 《{ $title }》未能儲存：{ $what }（{ $reason }）

## A book's saved state (warnings in the status bar)
store-state-newer = 這本書的閱讀狀態來自較新版本的 kanshu（格式 { $version }）：保持原樣，不會更新
store-state-moved-aside = 這本書儲存的狀態無法讀取，已移到一旁（{ $reason }）：{ $path }
store-state-stuck = 這本書的閱讀狀態 { $path } 無法讀取（{ $reason }），也無法移開（{ $error }）
store-orphaned = { $count } 個螢光標記的原文已不在書中：仍然保留，列為「原文已不在」
store-bookmarks-not-found = { $count } 個書籤在書中找不到（仍按原樣保留）：{ $names }
store-more-names = 另外 { $count } 個
store-names-separator = 、
msg-no-config-dir = 找不到設定目錄：請設定 KANSHU_CONFIG_DIR 或使用 --config-dir DIR
store-saved-newer = 另一個 kanshu 用較新的格式（{ $version }）儲存了這本書的狀態：保持原樣
store-file-stuck = { $path } 無法讀取（{ $reason }），也無法移開（{ $error }）

# kanshu 的界面：简体中文。每行一条：`key = 文字`，占位符写作 { $name }。
# 每个键在 en.ftl 和 zh-Hant.ftl 里也都有（测试会检查）。

## Reading: messages in the status bar
msg-count-first-percent = 请先输入数字，例如 37%
msg-count-first-key = 请先输入数字，例如 37{ $key }
msg-count-first = 请先输入数字
msg-no-earlier-jump = 没有更早的跳转
msg-no-later-jump = 没有更晚的跳转
msg-book-end = 已到书末
msg-book-start = 已到书首
msg-last-chapter = 已是最后一章
msg-first-chapter = 已是第一章
msg-no-chapter-total = 没有第 { $n } 章：本书共 { $total } 章
msg-percent-range = 百分比须在 0 到 100 之间

## Bookmarks
msg-bookmarks-need-file = 只有从文件打开的书才能保存书签
msg-no-bookmarks-key = 还没有书签：按 { $key } 添加
msg-no-bookmarks = 还没有书签
msg-bookmark-deleted-undo = 已删除“{ $name }” · 按 { $key } 撤销
msg-bookmark-deleted = 已删除“{ $name }”
msg-nothing-to-undo = 没有可撤销的操作
msg-bookmark-restored = 已恢复“{ $name }”
msg-bookmarked = 已加书签：{ $name }

## The library
sort-last-read = 最近阅读
sort-title = 书名
sort-progress = 进度
msg-no-library = 书库不可用：无法使用配置目录
msg-library-empty = 书库是空的：读过的书会出现在这里
msg-file-gone = 文件已不在：{ $path }
msg-sorted-by = 按{ $order }排序
msg-current-stays = 正在读的书不能移出书库
msg-removed-undo = 已从书库移除（按 { $key } 撤销）：{ $title }
msg-removed = 已从书库移除：{ $title }
msg-back-in-library = { $title } 已回到书库
msg-opened = 已打开 { $title }

## Links, footnotes, zen and the time left
msg-no-links = 本页没有链接
msg-no-anchor = 书中没有 #{ $anchor } 这个位置
msg-link = 链接：{ $url }
link-place = { $chapter } · { $percent }%
link-missing = #{ $anchor }（书中没有这个位置）
msg-no-footnote = 本页没有脚注
msg-speed-not-saved = 阅读速度未能保存：{ $reason }
msg-zen-on-key = 禅模式：状态栏已隐藏，按 { $key } 显示
msg-zen-on = 禅模式：状态栏已隐藏
msg-zen-off = 状态栏已显示
time-under-minute = 不到 1 分钟
time-minutes = { $min } 分钟
time-hours = { $hours } 小时 { $min } 分

## The file picker
msg-picker-cut = 只列出前 { $count } 项
msg-no-such-path = 没有这个文件或文件夹：{ $path }
msg-nothing-matches-typed = 没有与输入相符的项

## Settings changed while reading
msg-width-shown = 文字宽度 { $width }（窗口只显示 { $shown }）
msg-width = 文字宽度 { $width }
msg-theme-no-color = 主题 { $name }（已设 NO_COLOR：不显示颜色）
msg-theme = 主题 { $name }
msg-spread-too-narrow = 双页：已开（窗口太窄，放不下两页）
msg-spread-two = 双页
msg-spread-one = 单页
msg-no-config-file = 没有可保存的配置文件
msg-settings-saved = 设置已保存到 { $path }
msg-settings-not-saved = 设置未能保存：{ $reason }

## Hints: a key and what it does, in footers and on the first screen
hint-key = { $key } { $what }
hint-help = 帮助
hint-contents = 目录
hint-search = 搜索
hint-quit = 退出
hint-jump = 跳转
hint-filter = 筛选
hint-fold = 折叠
hint-close = 关闭
hint-open = 打开
hint-remove = 移除
hint-undo = 撤销
hint-sort = 排序
hint-files = 文件
hint-follow = 前往
hint-scroll = 滚动
hint-up = 上一级
hint-rename = 重命名
hint-delete = 删除
hint-keep = 保留
hint-cancel = 取消
hint-regex = 正则
hint-save = 保存
hint-new-line = 换行
hint-editor = $EDITOR
hint-note = 笔记
hint-done = 完成

## The prompt and the command line
msg-history-not-saved = 无法保存搜索记录：{ $reason }
msg-type-to-search = 输入要搜索的文字
msg-script-search-on = 简繁互相匹配：开
msg-script-search-off = 简繁互相匹配：关
msg-not-percent = 不是百分比：{ $text }
msg-unknown-command = 未知命令：{ $text }（试试 :42、:2.1、:+3 或 :37%）
prompt-bookmark-name = 书签名：
prompt-rename = 重命名：

## Search
msg-no-search-to-list-key = 没有可列出的搜索：按 { $key } 搜索
msg-no-search-to-list = 没有可列出的搜索
msg-still-counting = 还在统计匹配数，请稍后再试
msg-no-match-filter = 没有匹配项符合筛选
msg-search-thread = 无法在后台搜索：{ $reason }
msg-not-found = 未找到：{ $text }
search-too-costly = 正则表达式太耗时，无法搜索整本书（请用较小的重复次数）
search-bad-regex = 正则表达式有误：{ $reason }
msg-no-search-key = 没有搜索：按 { $key } 搜索
msg-no-search = 没有搜索
msg-wrapped-end = 已搜到书末，从书首继续
msg-wrapped-start = 已搜到书首，从书末继续

## The contents
msg-no-chapter-filter = 没有章节符合筛选
msg-chapter-in-volume = { $volume }的第 { $number } 章（:{ $label }）；另有 { $others } 卷也有第 { $number } 章
msg-no-volume-chapter-numbered = 没有第 { $volume }.{ $number } 章：本书编号的章节共 { $total } 章
msg-no-volume-chapter-total = 没有第 { $volume }.{ $number } 章：本书共 { $total } 章
msg-no-chapter-numbered = 没有第 { $number } 章：本书编号的章节共 { $total } 章

## Views of the text
msg-offer-clean-both = { $key }：整洁视图，隐藏“戰(zhàn)”这样的拼音和 HTML 残留
msg-offer-clean-pinyin = { $key }：整洁视图，隐藏“戰(zhàn)”这样的拼音
msg-offer-clean-html = { $key }：整洁视图，隐藏 </p> 这样的 HTML 残留
msg-no-cjk-script = 本书没有汉字：简繁转换不会有变化
msg-no-cjk-clean = 本书没有中文：没有拼音可隐藏
msg-no-cjk-vertical = 竖排只用于中文和日文，不适合本书
msg-script-original = 显示为：原文
msg-script-simplified = 显示为：简体
msg-script-traditional = 显示为：繁体
msg-clean-on = 整洁视图：已隐藏拼音注音和 HTML 残留
msg-clean-off = 整洁视图已关：显示原文
msg-vertical-on = 竖排
msg-vertical-off = 横排

## Help: what each action does (the same words as src/keys/action.rs)
action-next_page = 下一页
action-prev_page = 上一页
action-page_left = 向左翻页（竖排时为下一页）
action-page_right = 向右翻页（竖排时为上一页）
action-line_down = 向下滚动一行
action-line_up = 向上滚动一行
action-half_page_down = 向下滚动半页
action-half_page_up = 向上滚动半页
action-toggle_zen = 禅模式：隐藏或重新显示状态栏
action-next_chapter = 下一章
action-prev_chapter = 上一章
action-next_match_or_chapter = 搜索时到下一个匹配，否则到下一章
action-book_start = 书首（带数字：到那一章）
action-book_end = 书末（带数字：到那一章）
action-percent = 带数字：到全书的那个百分比
action-command_line = 命令行：:42 第 42 章，:2.1，:+3，:37% 百分比
action-jump_back = 跳回（上次跳转之前）
action-jump_forward = 再向前跳（撤销跳回）
action-search_forward = 向下搜索
action-search_backward = 向上搜索（?? 打开帮助）
action-search_next = 下一个匹配
action-search_prev = 上一个匹配
action-search_results = 列出搜索的所有匹配
action-toggle_toc = 目录
action-toggle_script = 显示为：原文 → 简体 → 繁體
action-toggle_clean = 整洁视图：隐藏拼音和 HTML 残留
action-toggle_vertical = 竖排，从右往左读
action-wider = 加宽文字栏
action-narrower = 收窄文字栏
action-cycle_theme = 下一个配色主题
action-toggle_spread = 双页并排或单页
action-save_settings = 把宽度、主题和双页保存到 config.toml
action-help = 本帮助
action-close = 关闭 / 清除搜索
action-redraw = 重绘屏幕
action-quit = 退出
action-select_next = 下一项
action-select_prev = 上一项
action-select_page_down = 列表向下翻一页
action-select_page_up = 列表向上翻一页
action-select_first = 第一项
action-select_last = 最后一项
action-start_filter = 按标题筛选（直接输入也可以）
action-fold = 折叠本卷
action-unfold = 展开本卷
action-confirm = 跳到那里 / 执行
action-delete_back = 删除一个字符
action-cursor_left = 光标左移一个字符
action-cursor_right = 光标右移一个字符
action-line_start = 光标移到行首
action-line_end = 光标移到行尾
action-delete_forward = 删除光标处的字符
action-delete_word = 删除光标前的词
action-delete_to_start = 删除光标前的全部内容
action-history_prev = 更早的搜索
action-history_next = 更晚的搜索
action-toggle_regex = 正则表达式开/关
action-toggle_script_search = 简繁字互相匹配 开/关
action-add_bookmark = 给页首加书签（会询问名称）
action-bookmarks = 书签
action-library = 最近读过的书（书库）
action-links = 本页的链接及其去向
action-footnotes = 本页引用的脚注
action-open_picker = 从文件夹打开一本书
action-cycle_sort = 按最近阅读、书名或进度排序
action-rename = 重命名书签
action-delete = 删除书签
action-undo = 撤销上一次删除
action-toggle_ruby = 注音：显示为 漢字(かんじ) 或隐藏
action-images = 本页图片：名称、类型、大小、像素
action-select = 选择文字（然后复制或高亮）
action-copy_paragraph = 复制页首的段落
action-cursor_down = 光标下移一行
action-cursor_up = 光标上移一行
action-word_next = 光标移到下一个词（中文：下一个字）
action-word_prev = 光标移到上一个词（中文：上一个字）
action-paragraph_next = 光标移到下一段
action-paragraph_prev = 光标移到段首（或上一段）
action-swap_ends = 跳到选区的另一端
action-copy = 把选中的文字复制到剪贴板
action-highlight = 高亮选区（用上次的颜色）
action-highlight_first = 用第一种颜色高亮
action-highlight_second = 用第二种颜色高亮
action-highlight_third = 用第三种颜色高亮
action-highlight_fourth = 用第四种颜色高亮
action-highlight_note = 高亮选区并写笔记
action-highlights = 高亮和笔记
action-edit_note = 编辑本页高亮的笔记
action-new_line = 换行
action-external_editor = 在 $VISUAL / $EDITOR 中编辑笔记

## Help: what an action does in one mode
action-close--toc = 关闭目录
action-confirm--toc = 跳到这一章
action-close--toc_filter = 清除筛选
action-confirm--toc_filter = 跳到这一章
action-close--help = 关闭帮助
action-close--bookmarks = 关闭列表
action-close--library = 清除筛选，否则关闭书库
action-start_filter--library = 按书名或文件名筛选（直接输入也可以）
action-confirm--library = 打开这本书
action-delete--library = 把这本书移出书库
action-undo--library = 恢复上次移出的书
action-close--picker = 清除已输入的内容，否则关闭
action-confirm--picker = 打开这本书或文件夹（或输入的路径）
action-delete_back--picker = 删除一个字符，否则回到上一级文件夹
action-next_page--help = 向下滚动一页
action-prev_page--help = 向上滚动一页
action-select_first--help = 帮助的开头
action-select_last--help = 帮助的结尾
action-close--prompt = 取消（回到搜索开始的地方）
action-confirm--prompt = 保留搜索 / 执行命令
action-close--select = 结束选择
action-select--select = 从光标处重新开始选择
action-next_page--select = 光标后移一页
action-prev_page--select = 光标前移一页
action-copy_paragraph--select = 复制光标所在的段落
action-confirm--highlights = 跳到这条高亮
action-edit_note--highlights = 编辑它的笔记
action-delete--highlights = 删除这条高亮
action-undo--highlights = 恢复上次删除的高亮
action-close--highlights = 清除筛选，否则关闭列表
action-start_filter--highlights = 按文字、笔记或章节筛选（直接输入也可以）
action-confirm--highlights_filter = 跳到这条高亮
action-close--highlights_filter = 结束输入（保留筛选）
action-confirm--note_editor = 保存笔记
action-close--note_editor = 取消：原来的笔记不变，刚做的高亮也取消
action-delete_to_start--note_editor = 删除从行首到光标的内容
action-delete_back--note_editor = 删除一个字符（在行首：与上一行合并）
action-line_up--note_editor = 光标上移一行
action-line_down--note_editor = 光标下移一行
action-confirm--bookmarks = 跳到这个书签
action-close--links = 关闭列表
action-confirm--links = 打开链接（或显示它的地址）
action-close--notes = 关闭弹窗
action-next_page--notes = 向下滚动一页
action-prev_page--notes = 向上滚动一页
action-select_first--notes = 到顶部
action-select_last--notes = 到底部

## Help: the sections (one per mode)
mode-reader = 阅读
mode-toc = 目录
mode-toc_filter = 目录（筛选中）
mode-help = 帮助
mode-prompt = 搜索、命令和名称输入
mode-bookmarks = 书签
mode-library = 书库
mode-links = 本页链接
mode-picker = 打开一本书
mode-notes = 本页脚注
mode-select = 选择文字
mode-highlights = 高亮和笔记
mode-highlights_filter = 高亮和笔记（筛选中）
mode-note_editor = 笔记编辑器

## Help: the notes under the keys and the box
help-title = {" "}按键{" "}
help-count-chapter = { $keys } 第 42 章
help-count-percent = { $keys } 百分比
help-count-matches = { $keys } 往后第三个匹配/章
help-counts = 数字前缀：{ $list }
help-filter-key = 在目录里直接输入即可筛选；{ $key }?（在空的向上搜索里按 ?）打开帮助
help-filter = 在目录里直接输入即可筛选

## The status bar
status-counting = 统计中…
status-match = 第 { $n }/{ $total } 个匹配
status-searching = 搜索中…
status-no-match = 无匹配
status-left-both = 本章剩 { $chapter } · 全书剩 { $book }
status-left-chapter = 本章剩 { $time }
status-left-book = 全书剩 { $time }
small-enlarge = 请把窗口放大
small-at-least = （至少 16×3）

## Popup titles and list lines
title-contents = {" "}目录（{ $count }）{" "}
title-contents-filter = {" "}目录 /{ $filter }{" "}
title-matches = {" "}“{ $query }”的匹配（{ $count }）{" "}
title-matches-filter = {" "}“{ $query }”的匹配 /{ $filter }{" "}
title-bookmarks = {" "}书签（{ $count }）{" "}
title-library = {" "}书库（{ $count }）· 按{ $order }{" "}
title-library-filter = {" "}书库（{ $shown }/{ $total }）· /{ $filter }{ $cursor }{" "}
title-links = {" "}本页链接（{ $count }）{" "}
title-footnote = {" "}脚注{" "}
title-footnotes = {" "}本页脚注（{ $count }）{" "}
title-open = {" "}打开：{ $folder }{" "}
list-no-chapter-matches = 没有符合的章节
list-no-match = 无匹配
list-missing = 已不在：{ $path }
list-picker-typed = 输入文字筛选，或输入路径：~/books
list-empty-folder = 空文件夹
list-nothing-matches = 没有符合的项
list-note-no-text = （本书没有这条注的文字）
title-counted = {" "}{ $title }（{ $count }）{" "}

## The command line
msg-store-unavailable = 书签无法保存：{ $reason }
err-not-found = { $path }：没有这个文件
err-is-directory = { $path }：是文件夹，不是文本文件
err-not-a-file = { $path }：不是普通文件（是管道、套接字或设备）；请给 kanshu 一个文本文件
err-permission = { $path }：没有权限
err-io = { $path }：无法读取：{ $reason }
err-binary = { $path }：看起来是二进制文件，不是文本
err-too-large = { $path }：超过 { $limit } MB，kanshu 最多读这么大；可用 --max-size-mb 或 [book] max_size_mb 调高
err-unpacks-too-large = { $path }：解压后超过 { $limit } MB，kanshu 最多读这么大；可用 --max-size-mb 或 [book] max_size_mb 调高
err-unknown-encoding = 未知编码 `{ $label }`（试试 utf-8、gbk、gb18030、big5、utf-16le、shift_jis、euc-kr、windows-1252）
err-unusable-encoding = 编码 `{ $label }` 无法解码书（它把任何文件都读成一个替换字符）；请指定书的真实编码，例如 gbk、big5、utf-8

## kanshu info (labels for people; --json keeps its own names)
info-path = 路径：
info-bytes = 字节：
info-encoding = 编码：
info-characters = 字符：
info-lines = 行数：
info-chapters = 章节：
info-rule = 规则：
info-headings = 标题：
info-paragraphs = 段落：
info-paragraphs-markup = { $count }（按书中的标记分段）
info-title = 书名：
info-authors = 作者：
info-language = 语言：
info-publisher = 出版者：
info-epub = EPUB：
info-epub-version = 版本 { $version }
info-images = 图片：
info-notes = 注释：
info-writing = 排版：
info-vertical = 竖排
info-control = 控制字符：{ $count }
info-undecodable = 无法解码：{ $count } 处字节序列显示为 �
info-artifacts = 残留：{ $annotations } 处拼音注音，{ $leftovers } 处 HTML 残留（--clean 可隐藏）
cli-no-nth-book = 书库里没有第 { $n } 本书：书库共有 { $count } 本（kanshu recent 可列出）
cli-no-recent-match = 没有与 `{ $pattern }` 相符的最近读过的书（kanshu recent 可列出）
cli-stdin-is-terminal = `-` 从标准输入读书，但这里的标准输入是终端：请用管道传入一本书（`cat book.txt | kanshu toc -`）
cli-did-you-mean = { $word }：没有这个文件，也没有这个命令：你是想用 `{ $meant }` 吗？
cli-config-defaults = { $problem }（改用默认设置）
cli-stdin-empty = 标准输入是空的：没有书可读
cli-stdin-typing = 正在从标准输入（就是这个终端）读取书的内容：请输入或粘贴，然后在新的一行按 { $key } 结束
cli-stdin-not-keys = 无法从标准输入读取按键：它是管道或文件，不是终端（要从中读书，请把书名写作 `-`：… | kanshu -）
cli-folder-needs-terminal = 文件夹会打开文件选择器，须在终端里运行
msg-last-book-gone-key = 上次读的书已不在：{ $path } · 按 { $key } 打开书库
msg-last-book-gone = 上次读的书已不在：{ $path }
msg-cannot-reopen = 无法重新打开上次读的书：{ $reason }
cli-no-bookmarks-in-book = 这本书还没有书签（阅读时按 m 添加）
cli-no-bookmarks = 还没有书签（阅读时按 m 添加）
cli-no-books = 还没有读过的书
cli-no-highlights-in-book = 这本书还没有高亮
cli-no-highlights = 还没有高亮
cli-config-none = ok：{ $path } 没有配置文件（使用默认设置）
cli-config-is-directory = { $path }：是文件夹，不是配置文件
cli-width-narrow = --width { $width } 太窄：至少要 2
cli-height-zero = --height 至少要 1
cli-page-too-large = --width { $width } --height { $height } 太大：一页最宽 { $max_width } 格、最高 { $max_height } 行
cli-at-range = --at { $at } 超出范围：请给 0 到 100 之间的百分比
cli-page-range = 第 { $page } 页超出范围：宽 { $width }、高 { $height } 时第 { $chapter } 章共 { $pages } 页
cli-chapter-spec = --chapter { $spec }：请给 37 这样的数字，或用 2.1 表示第 2 卷第 1 章
cli-chapter-range = 第 { $spec } 章超出范围：本书共 { $total } 章
info-rules-stopped = ；{ $stopped }（停在全书 { $percent }% 处）
info-epub-contents = 目录取自书中的 { $source }

## Problems in config.toml (what comes from the file or the TOML parser stays as it is)
cfg-did-you-mean = ，你是说 `{ $name }` 吗？
cfg-io = 无法读取：{ $reason }
cfg-syntax = TOML 格式错误：{ $message }
cfg-wrong-type = `{ $key }` 应为 { $expected }，却是 { $found }
cfg-unknown-key = 未知的键 `{ $name }`{ $hint }
cfg-unknown-key-in = [{ $section }] 里有未知的键 `{ $name }`{ $hint }
cfg-out-of-range = `{ $key }` 应在 { $min } 到 { $max } 之间，却是 { $found }
cfg-not-one-of = `{ $key }` 应为 { $allowed } 之一，却是 { $found }{ $hint }
cfg-missing = `{ $key }` 缺少 `{ $name }`
cfg-key-problem = `{ $key }`：{ $problem }
cfg-unknown-action = `{ $key }`：没有 `{ $action }` 这个动作{ $hint }
cfg-shadowed = `{ $key }` 永远无法输入：单独的 `{ $prefix }` 已绑定到 `{ $action }`（先把它设为 "none"）
cfg-bad-regex = `{ $key }`：正则表达式 `{ $pattern }` 无效：{ $reason }
cfg-unknown-encoding = `{ $key }`：未知编码 `{ $label }`（请用 "auto" 或 utf-8、gbk、gb18030、big5、utf-16le 这样的名称）
cfg-unusable-encoding = `{ $key }`：编码 `{ $label }` 无法解码书（它把任何文件都读成一个替换字符）；请用 "auto" 或 utf-8、gbk、big5 这样的名称
cfg-bindings = 个绑定
cfg-rules = 条规则
cfg-too-many = `{ $key }` 有 { $count } { $what }；最多允许 { $max }
cfg-no-quit = `{ $key }`：没有键绑定到 "quit"；请至少保留一个（例如 q = "quit" 或 ctrl-c = "quit"）
cfg-invalid = 配置无效
cfg-and-more = { $first }（另有 { $count } 个问题）
cli-config-problems = { $path }：{ $count } 个问题
cfg-type-nothing = 空
cfg-type-table = 表
cfg-type-array-of-tables = 表数组
cfg-type-string = 字符串
cfg-type-integer = 整数
cfg-type-float = 小数
cfg-type-boolean = 布尔值
cfg-type-date = 日期
cfg-type-array = 数组
cfg-type-true-or-false = true 或 false
cfg-type-auto-or-cells = "auto" 或格数
cfg-type-auto-or-bool = "auto"、true 或 false
cfg-type-status-list = ["chapter", "percent"] 这样的列表
cfg-type-colour = 颜色（字符串或 0–255）
cfg-type-rule-table = 表 {"{"} pattern = …, level = … {"}"}
cfg-type-rules = 规则数组
cfg-type-percentage = 百分比（0–100）
cfg-type-one-of = { $list } 之一

## Heading rules that took too long (status bar, stderr, kanshu info)
msg-rules-stopped = 标题规则 `{ $rule }` 太慢（超过 { $budget }）：已改用内置规则
unit-seconds = { $n } 秒
unit-milliseconds = { $n } 毫秒

## Selecting, copying and highlighting
status-selecting = 选择中 · { $count } 个字
msg-copied = 已复制 { $count } 个字
msg-copied-paragraph = 已复制整段：{ $count } 个字
msg-highlighted = 已高亮 { $count } 个字（颜色 { $colour }）
msg-nothing-to-copy = 这里没有可复制的文字
msg-highlights-need-file = 只有从文件打开的书才能保存高亮

## Highlights and notes
msg-no-highlights = 还没有高亮
msg-no-highlight-here = 本页没有高亮
msg-no-highlight-here-key = 本页没有高亮 · 按 { $key } 列出所有高亮
msg-first-of-notes = 这是本页 { $count } 条笔记中的第一条 · 按 { $key } 列出全部
msg-no-highlight-filter = 没有高亮符合筛选
msg-highlight-deleted-undo = 已删除高亮“{ $quote }” · 按 { $key } 撤销
msg-highlight-deleted = 已删除高亮“{ $quote }”
msg-highlight-cancelled-undo = 没有写笔记：高亮已取消 · 按 { $list } 再按 { $key } 恢复
msg-highlight-cancelled = 没有写笔记：高亮已取消
msg-highlight-restored = 高亮已恢复
msg-orphaned = 原文已不在书中：这里是它原来所在的位置附近
msg-note-saved = 笔记已保存
msg-note-removed = 笔记已删除
msg-note-unchanged = 笔记没有改动
msg-note-full = 一条笔记最多 1 万字
msg-no-editor = 设置 $VISUAL 或 $EDITOR 后即可在自己的编辑器里编辑笔记
title-note = {" "}笔记 · { $chapter }{" "}
note-placeholder = 输入笔记
title-highlights = {" "}高亮和笔记（{ $count }）{" "}
title-highlights-filter = {" "}高亮（{ $shown }/{ $total }）· /{ $filter }{ $cursor }{" "}
list-no-highlight-matches = 没有符合的高亮
list-orphaned-long = 原文已不在书中
list-orphaned = 原文已不在

## Ruby and images
msg-ruby-shown = 注音：显示为 漢字(かんじ)
msg-ruby-hidden = 注音：已隐藏
msg-ruby-shown-none = 注音：显示为 漢字(かんじ)（本书没有注音）
msg-ruby-hidden-none = 注音：已隐藏（本书没有注音）
title-images = 本页图片
msg-no-image = 本页没有图片
image-line = { $kind } · { $bytes } 字节 · { $pixels }
image-missing = { $kind } · 书中找不到
image-unknown-type = 类型未知
image-pixels = { $width } × { $height } 像素
image-pixels-unknown = 像素尺寸未知

## The terminal
tui-cannot-draw = 无法绘制屏幕：{ $reason }
tui-cannot-set-up = 无法设置终端：{ $reason }
tui-cannot-take-back = 无法收回终端：{ $reason }
tui-cannot-read-terminal = 无法读取终端：{ $reason }
tui-cannot-read-keys = 无法读取按键：{ $reason }
tui-terminal = 终端：{ $reason }

## The note in $EDITOR
editor-cannot-make-file = 无法为编辑器创建文件：{ $reason }
editor-failed = { $program } 退出（{ $status }）：笔记没有改动
editor-cannot-run = 无法运行 { $program }：{ $reason }
editor-cannot-read-back = 无法读回笔记：{ $reason }

## What could not be saved (said on exit)
unsaved-place = 阅读位置
unsaved-and = 、
unsaved-bookmarks = { $count } 处书签改动
unsaved-highlights = { $count } 处高亮改动
unsaved-line = 《{ $title }》未能保存：{ $what }（{ $reason }）

## A book's saved state (warnings in the status bar)
store-state-newer = 这本书的阅读状态来自更新版本的 kanshu（格式 { $version }）：保持原样，不会更新
store-state-moved-aside = 这本书保存的状态无法读取，已移到一旁（{ $reason }）：{ $path }
store-state-stuck = 这本书的阅读状态 { $path } 无法读取（{ $reason }），也无法移开（{ $error }）
store-orphaned = { $count } 条高亮的原文已不在书中：仍然保留，列为“原文已不在”
store-bookmarks-not-found = { $count } 个书签在书中找不到（仍按原样保留）：{ $names }
store-more-names = 另外 { $count } 个
store-names-separator = 、
msg-no-config-dir = 找不到设置目录：请设置 KANSHU_CONFIG_DIR 或使用 --config-dir DIR
store-saved-newer = 另一个 kanshu 用更新的格式（{ $version }）保存了这本书的状态：保持原样
store-file-stuck = { $path } 无法读取（{ $reason }），也无法移开（{ $error }）

#!/usr/bin/env bash
# Whole-process benchmarks of kanshu against the system's own tools, measured in the same run.
#
#   benches/run.sh            build, generate the books if missing, measure, print a table
#   RUNS=20 benches/run.sh    more repetitions (default 10)
#   BOOKS=DIR benches/run.sh  where the benchmark books live (default target/bench-books)
#   ONLY=open benches/run.sh  only the rows named (comma-separated): toc, render, gbk, one,
#                             english, epub, rss, open, idle
#
# Every kanshu figure is divided by its floor (`wc -l`, `iconv` or `unzip -p`) timed right next to it, so the
# ratios hold on a busy or slow machine even when the absolute times move. Times are medians of
# RUNS runs after one warm-up (the books sit in the page cache; both sides read the same file).
# Uses hyperfine when installed, otherwise a plain loop around `date +%s%N`.
#
# The binary is built with the `profiling` profile (Cargo.toml): the release optimisation with
# line tables kept, so `perf` on target/profiling/kanshu names functions. `cargo install` builds
# the `release` profile, the same code without symbols; the two run at the same speed.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
BOOKS=${BOOKS:-target/bench-books}
PROFILE=profiling
KANSHU=target/$PROFILE/kanshu
export LC_ALL=C

echo "building (profile $PROFILE) …" >&2
cargo build --profile $PROFILE --quiet --bin kanshu --example genbooks --example genepub
target/$PROFILE/examples/genbooks "$BOOKS" >&2
[[ -f $BOOKS/book.epub ]] || target/$PROFILE/examples/genepub "$BOOKS" >&2

CONFIG_DIR=$(mktemp -d)
export KANSHU_CONFIG_DIR=$CONFIG_DIR
WORK=$(mktemp -d)
IDLE_SESSION=""
OPEN_SOCKET=kanshu-bench
cleanup() {
    if [[ -n $IDLE_SESSION ]]; then tmux kill-session -t "$IDLE_SESSION" 2>/dev/null || true; fi
    tmux -L "$OPEN_SOCKET" kill-server 2>/dev/null || true
    rm -rf "$CONFIG_DIR" "$WORK"
}
trap cleanup EXIT

if command -v hyperfine >/dev/null; then TIMER=hyperfine; else TIMER=loop; fi

# measure CMD… : sets WALL (median wall seconds of RUNS runs, stdout discarded) and CPU (mean
# user+system seconds, or "" when the plain loop is used).
measure() {
    if [[ $TIMER == hyperfine ]]; then
        hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-csv "$WORK/h.csv" \
            "$(printf '%q ' "$@")" >/dev/null 2>&1
        # columns: command,mean,stddev,median,user,system,min,max (the command may hold commas)
        WALL=$(awk -F, 'NR == 2 { print $(NF-4) }' "$WORK/h.csv")
        CPU=$(awk -F, 'NR == 2 { print $(NF-3) + $(NF-2) }' "$WORK/h.csv")
    else
        "$@" >/dev/null
        local i t0 t1
        : >"$WORK/times"
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            "$@" >/dev/null
            t1=$(date +%s%N)
            echo $((t1 - t0)) >>"$WORK/times"
        done
        WALL=$(sort -n "$WORK/times" | awk '{ a[NR] = $1 } END { printf "%.6f\n", a[int((NR + 1) / 2)] / 1e9 }')
        CPU=""
    fi
}

# peak_rss_kb CMD… : the largest peak resident set size of three runs, in KiB.
peak_rss_kb() {
    local best=0 kb i
    for i in 1 2 3; do
        if /usr/bin/time -f %M true >/dev/null 2>&1; then
            /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1 || true
            kb=$(tail -n 1 "$WORK/rss")
        else
            # No GNU time: poll VmHWM (the kernel's peak RSS) until the process exits.
            "$@" >/dev/null 2>&1 &
            local pid=$! hwm
            kb=0
            while kill -0 "$pid" 2>/dev/null; do
                hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
                [[ -n $hwm ]] && kb=$hwm
                sleep 0.01
            done
            wait "$pid" || true
        fi
        ((kb > best)) && best=$kb
    done
    echo "$best"
}

# want NAME : whether the row NAME is to be measured (all of them unless ONLY names some).
want() { [[ -z ${ONLY:-} || ,$ONLY, == *,$1,* ]]; }

ROWS=()
ALL_PASS=1
# row WHAT VALUE FLOOR RATIO LIMIT [CPU_RATIO] : one line of the result table.
row() {
    local verdict
    verdict=$(awk -v r="$4" -v l="$5" 'BEGIN { print (r <= l) ? "PASS" : "FAIL" }')
    [[ $verdict == PASS ]] || ALL_PASS=0
    ROWS+=("| $1 | $2 | $3 | **$4** | ${6:-} | ≤ $5 | $verdict |")
}
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# time_pair WHAT LIMIT FLOOR_DESC "FLOOR CMD" -- KANSHU CMD… : time both, add a row.
# (The floor command is split on spaces: keep BOOKS free of them.)
time_pair() {
    local what=$1 limit=$2 floor_desc=$3 floor_cmd=$4
    shift 5
    echo "measuring: $what" >&2
    local fw fc kw kc cpu_ratio=""
    # shellcheck disable=SC2086
    measure $floor_cmd
    fw=$WALL fc=$CPU
    measure "$@"
    kw=$WALL kc=$CPU
    [[ -n $fc && -n $kc ]] && cpu_ratio=$(ratio "$kc" "$fc")
    row "$what" "$(ms "$kw")" "$(ms "$fw") ($floor_desc)" "$(ratio "$kw" "$fw")" "$limit" "$cpu_ratio"
}

U8=$BOOKS/big_utf8.txt
GBK=$BOOKS/big_gbk.txt
ONE=$BOOKS/one_chapter.txt
EN=$BOOKS/big_english.txt

want toc && time_pair "kanshu toc big_utf8.txt" 10 "wc -l" "wc -l $U8" -- $KANSHU toc "$U8"
want render && time_pair "kanshu render --chapter 5000 big_utf8.txt" 12 "wc -l" "wc -l $U8" -- \
    $KANSHU render --chapter 5000 "$U8"
want gbk && time_pair "kanshu toc big_gbk.txt" 1.0 "iconv GBK→UTF-8" "iconv -f GBK -t UTF-8 $GBK" -- \
    $KANSHU toc "$GBK"
want one && time_pair "kanshu render one_chapter.txt (first page)" 12 "wc -l" "wc -l $ONE" -- \
    $KANSHU render "$ONE"
want english && time_pair "kanshu render big_english.txt (first page)" 12 "wc -l" "wc -l $EN" -- \
    $KANSHU render "$EN"
EPUB=$BOOKS/book.epub
want epub && time_pair "kanshu render book.epub (first page)" 2 "unzip -p" "unzip -p $EPUB" -- \
    $KANSHU render "$EPUB"

TEXT_BYTES=$(stat -c %s "$U8") # UTF-8, LF, no BOM: the file is the decoded text
if want rss; then
    echo "measuring: peak RSS" >&2
    RSS_KB=$(peak_rss_kb $KANSHU render --at 50 "$U8")
    row "peak RSS, kanshu render --at 50 big_utf8.txt" \
        "$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f MiB", k / 1024 }')" \
        "$(awk -v b="$TEXT_BYTES" 'BEGIN { printf "%.1f MiB (decoded text)", b / 1048576 }')" \
        "$(ratio "$((RSS_KB * 1024))" "$TEXT_BYTES")" 1.5 ""
fi

# Time to the reader's first screen: start the reader on big_utf8.txt in a detached tmux
# session (100×30, its own tmux server, a fresh empty config dir each run so nothing is
# resumed) and wait for the book's first line on the screen. The clock starts in the pane,
# just before the reader is exec'd (starting tmux is not counted), and stops when
# `capture-pane` shows the line. Until the reader writes anything the wait forks nothing (it
# watches the pane's output, piped to a file, with bash builtins), so polling does not take
# CPU from the reader on a small machine. The floor is the whole-process time of
# `kanshu toc big_utf8.txt` in the same run: opening the book is most of either.
if want open && command -v tmux >/dev/null; then
    echo "measuring: reader's first screen" >&2
    FIRST_LINE=$(head -n 1 "$U8" | tr -d '\r')
    mkfifo "$WORK/never"
    exec {NEVER}<>"$WORK/never" # read -t on it is a sleep without a fork
    nap() { read -r -t "$1" -u "$NEVER" _ || true; }
    tmux -L "$OPEN_SOCKET" kill-server 2>/dev/null || true
    # A session that stays, so the server does not exit between runs.
    tmux -L "$OPEN_SOCKET" new-session -d -s keep -x 100 -y 30 'sleep 100000'
    # first_screen_ns : nanoseconds from exec to the first text of one reader start.
    first_screen_ns() {
        local dir t0 t1="" deadline=$((SECONDS + 60))
        dir=$(mktemp -d)
        mkfifo "$dir/go"
        # The pane waits on the fifo until its output is piped to a file.
        tmux -L "$OPEN_SOCKET" new-session -d -s open -x 100 -y 30 -c "$PWD" \
            "read -r _ < $dir/go; date +%s%N > $dir/t0; KANSHU_CONFIG_DIR=$dir/config exec $KANSHU $U8"
        tmux -L "$OPEN_SOCKET" pipe-pane -t open "cat > $dir/out"
        echo go >"$dir/go"
        while [[ ! -s $dir/out ]] && ((SECONDS < deadline)); do nap 0.001; done
        while ((SECONDS < deadline)); do
            if tmux -L "$OPEN_SOCKET" capture-pane -p -t open 2>/dev/null | grep -qF -- "$FIRST_LINE"; then
                t1=${EPOCHREALTIME/./}000 # microseconds, as nanoseconds
                break
            fi
            nap 0.001
        done
        t0=$(cat "$dir/t0" 2>/dev/null || true)
        tmux -L "$OPEN_SOCKET" kill-session -t open 2>/dev/null || true
        nap 0.2 # the reader saves its place on the way out
        rm -rf "$dir"
        if [[ -n $t0 && -n $t1 ]]; then echo $((t1 - t0)); fi
    }
    first_screen_ns >/dev/null # warm-up
    : >"$WORK/open"
    for ((i = 0; i < RUNS; i++)); do first_screen_ns >>"$WORK/open"; done
    measure $KANSHU toc "$U8"
    TOC_WALL=$WALL
    if [[ $(wc -l <"$WORK/open") -eq $RUNS ]]; then
        OPEN_WALL=$(sort -n "$WORK/open" | awk '{ a[NR] = $1 } END { printf "%.6f\n", a[int((NR + 1) / 2)] / 1e9 }')
        row "reader's first screen, big_utf8.txt (tmux 100×30)" "$(ms "$OPEN_WALL")" \
            "$(ms "$TOC_WALL") (kanshu toc)" "$(ratio "$OPEN_WALL" "$TOC_WALL")" 2 ""
    else
        ALL_PASS=0
        ROWS+=("| reader's first screen, big_utf8.txt (tmux 100×30) | no text within 60 s | $(ms "$TOC_WALL") (kanshu toc) | | | ≤ 2 | FAIL |")
    fi
    tmux -L "$OPEN_SOCKET" kill-server 2>/dev/null || true
fi

# Idle CPU of the interactive reader: start it in a detached tmux session, let it settle, then
# count the CPU ticks it uses over IDLE_SECONDS.
IDLE_SECONDS=${IDLE_SECONDS:-10}
IDLE="n/a"
READER_HWM_KB=""
if want idle && command -v tmux >/dev/null; then
    echo "measuring: idle CPU of the reader" >&2
    IDLE_SESSION="kanshu-idle-$$"
    tmux new-session -d -s "$IDLE_SESSION" -x 100 -y 30 \
        "KANSHU_CONFIG_DIR=$CONFIG_DIR exec $KANSHU $U8"
    sleep 3
    PID=$(tmux list-panes -t "$IDLE_SESSION" -F '#{pane_pid}' 2>/dev/null || true)
    ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }
    if [[ -n $PID ]] && T0=$(ticks "$PID") && [[ -n $T0 ]]; then
        sleep "$IDLE_SECONDS"
        if T1=$(ticks "$PID") && [[ -n $T1 ]]; then
            IDLE=$(awk -v a="$T0" -v b="$T1" -v hz="$(getconf CLK_TCK)" -v s="$IDLE_SECONDS" \
                'BEGIN { printf "%.1f", 100 * (b - a) / hz / s }')
            READER_HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$PID/status" 2>/dev/null || true)
        fi
    fi
    tmux kill-session -t "$IDLE_SESSION" 2>/dev/null || true
    IDLE_SESSION=""
fi

echo
echo "kanshu $(git rev-parse --short HEAD 2>/dev/null || echo '?') (profile $PROFILE), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), timer: $TIMER, median of $RUNS runs"
echo
echo "| target | kanshu | floor | ratio (wall) | ratio (CPU) | limit | result |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
if ! want idle; then
    :
elif [[ $IDLE == n/a ]]; then
    echo "| reader idle CPU (${IDLE_SECONDS} s in tmux) | n/a (reader exited or tmux missing) | | | | ~0% | n/a |"
else
    echo "| reader idle CPU (${IDLE_SECONDS} s in tmux) | ${IDLE}% | | | | ~0% | $(awk -v c="$IDLE" 'BEGIN { print (c <= 1.0) ? "PASS" : "FAIL" }') |"
fi
if [[ -n $READER_HWM_KB ]]; then
    echo "| peak RSS of the interactive reader on big_utf8.txt (VmHWM) | $(awk -v k="$READER_HWM_KB" 'BEGIN { printf "%.1f MiB", k / 1024 }') | $(awk -v b="$TEXT_BYTES" 'BEGIN { printf "%.1f MiB (decoded text)", b / 1048576 }') | **$(ratio "$((READER_HWM_KB * 1024))" "$TEXT_BYTES")** | | ≤ 1.5 | $(awk -v k="$READER_HWM_KB" -v b="$TEXT_BYTES" 'BEGIN { print (k * 1024 <= 1.5 * b) ? "PASS" : "FAIL" }') |"
fi
echo
if ((ALL_PASS)); then echo "all timed targets met"; else echo "some targets not met"; fi

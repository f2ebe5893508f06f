//! Writes the benchmark books (see BENCHMARKS.md) into a folder, default `target/bench-books`.
//!
//! ```sh
//! cargo run --release --example genbooks -- [OUTDIR] [--seed N] [--mb N] [--force]
//! ```
//!
//! Books already on disk from the same seed, size and generator version are kept (a stamp file
//! records them), so running it again costs nothing. It uses none of kanshu's own code.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "../benches/common/books.rs"]
mod books;

const STAMP: &str = "genbooks.stamp";
const NAMES: [&str; 4] = [
    "big_utf8.txt",
    "big_gbk.txt",
    "one_chapter.txt",
    "big_english.txt",
];

struct Args {
    out: PathBuf,
    seed: u64,
    bytes: usize,
    force: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::from("target/bench-books"),
        seed: books::SEED,
        bytes: books::BOOK_BYTES,
        force: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                args.seed = v.parse().map_err(|_| format!("bad seed `{v}`"))?;
            }
            "--mb" => {
                let v = it.next().ok_or("--mb needs a number")?;
                let mb: usize = v.parse().map_err(|_| format!("bad size `{v}`"))?;
                args.bytes = mb * 1024 * 1024;
            }
            "--force" => args.force = true,
            "-h" | "--help" => {
                return Err("usage: genbooks [OUTDIR] [--seed N] [--mb N] [--force]".into());
            }
            _ if a.starts_with('-') => return Err(format!("unknown option `{a}`")),
            _ => args.out = PathBuf::from(a),
        }
    }
    Ok(args)
}

fn stamp_header(args: &Args) -> String {
    format!(
        "version={} seed={} bytes={}",
        books::GENERATOR_VERSION,
        args.seed,
        args.bytes
    )
}

/// Sizes recorded by an earlier run with the same header.
fn recorded_sizes(args: &Args) -> Vec<(String, u64)> {
    let Ok(stamp) = fs::read_to_string(args.out.join(STAMP)) else {
        return Vec::new();
    };
    let mut lines = stamp.lines();
    if lines.next() != Some(stamp_header(args).as_str()) {
        return Vec::new();
    }
    lines
        .filter_map(|l| {
            let (name, size) = l.split_once(' ')?;
            Some((name.to_string(), size.parse().ok()?))
        })
        .collect()
}

fn up_to_date(args: &Args, recorded: &[(String, u64)], name: &str) -> bool {
    let size = fs::metadata(args.out.join(name)).map(|m| m.len()).ok();
    !args.force && size.is_some() && recorded.iter().any(|(n, s)| n == name && Some(*s) == size)
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    let tmp = dir.join(format!("{name}.tmp"));
    let mut f = fs::File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    f.write_all(bytes)
        .map_err(|e| format!("{}: {e}", tmp.display()))?;
    drop(f);
    fs::rename(&tmp, dir.join(name)).map_err(|e| format!("{name}: {e}"))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let recorded = recorded_sizes(&args);
    let fresh = |name: &str| up_to_date(&args, &recorded, name);
    let started = Instant::now();

    let need_utf8 = !fresh(NAMES[0]);
    let need_gbk = !fresh(NAMES[1]);
    if need_utf8 || need_gbk {
        let t = Instant::now();
        let text = books::chinese_novel(args.seed, args.bytes);
        eprintln!("chinese novel generated in {:.2?}", t.elapsed());
        if need_utf8 {
            write_file(&args.out, NAMES[0], text.as_bytes())?;
        }
        if need_gbk {
            let t = Instant::now();
            let gbk = books::to_gbk(&text)?;
            eprintln!("GBK twin encoded in {:.2?}", t.elapsed());
            write_file(&args.out, NAMES[1], &gbk)?;
        }
    }
    if !fresh(NAMES[2]) {
        let t = Instant::now();
        let text = books::chinese_one_chapter(args.seed, args.bytes);
        eprintln!("one-chapter book generated in {:.2?}", t.elapsed());
        write_file(&args.out, NAMES[2], text.as_bytes())?;
    }
    if !fresh(NAMES[3]) {
        let t = Instant::now();
        let text = books::english_novel(args.seed, args.bytes);
        eprintln!("English novel generated in {:.2?}", t.elapsed());
        write_file(&args.out, NAMES[3], text.as_bytes())?;
    }

    let mut stamp = stamp_header(&args);
    for name in NAMES {
        let size = fs::metadata(args.out.join(name))
            .map(|m| m.len())
            .map_err(|e| format!("{name}: {e}"))?;
        stamp.push_str(&format!("\n{name} {size}"));
        println!("{:>12} bytes  {}", size, args.out.join(name).display());
    }
    stamp.push('\n');
    write_file(&args.out, STAMP, stamp.as_bytes())?;
    println!("books ready in {:.2?}", started.elapsed());
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("genbooks: {e}");
        std::process::exit(2);
    }
}

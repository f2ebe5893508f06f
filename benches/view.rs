//! Views on big books: converting, cleaning and laying out vertically one chapter, and counting
//! artifacts over a whole ~100 MB book as `kanshu info` does.
//!
//! `cargo bench --bench view` first prints one-shot timings on a ~100 MB text made by repeating
//! the seed article, then runs criterion on a single ~1 MB chapter.

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use kanshu::layout::LayoutParams;
use kanshu::layout::vertical::layout_vertical;
use kanshu::view::{Script, ViewOptions, count_artifacts, view_text};

const SEED: &str = include_str!("../tests/fixtures/seed.txt");

fn repeated(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + SEED.len());
    while s.len() < bytes {
        s.push_str(SEED);
    }
    s
}

fn one_shot() {
    let big = repeated(100 << 20);
    for (name, opts) in [
        (
            "clean",
            ViewOptions {
                script: Script::Original,
                clean: true,
            },
        ),
        (
            "simplified",
            ViewOptions {
                script: Script::Simplified,
                clean: false,
            },
        ),
        (
            "traditional+clean",
            ViewOptions {
                script: Script::Traditional,
                clean: true,
            },
        ),
    ] {
        let t = Instant::now();
        let (text, _) = view_text(&big, &opts);
        eprintln!(
            "view {name} of {} MiB: {:.2?}",
            big.len() >> 20,
            t.elapsed()
        );
        black_box(text);
    }
    let t = Instant::now();
    let counts = count_artifacts(&big);
    eprintln!(
        "count_artifacts of {} MiB: {:.2?} ({counts:?})",
        big.len() >> 20,
        t.elapsed()
    );
}

fn main() {
    one_shot();
    let chapter = repeated(1 << 20);
    let params = LayoutParams {
        width: 80,
        height: 30,
        ..LayoutParams::default()
    };
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("view simplified+clean 1 MiB chapter", |b| {
        let opts = ViewOptions {
            script: Script::Simplified,
            clean: true,
        };
        b.iter(|| view_text(black_box(&chapter), &opts))
    });
    c.bench_function("vertical layout 1 MiB chapter", |b| {
        b.iter(|| layout_vertical(black_box(&chapter), false, &params))
    });
    c.final_summary();
}

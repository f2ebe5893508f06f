//! Layout benchmarks: wrapping one chapter, re-laying it out at a new width, turning to the
//! first page of a chapter nobody has seen yet, and laying out a generated 100 MB book chapter
//! by chapter. Text is generated here from the seed fixture (quick: repeated copies).
//!
//! Run: `cargo bench --bench layout` (set `KANSHU_BENCH_MB` to change the book size).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kanshu::Document;
use kanshu::layout::{BookLayout, LayoutParams, layout_text, render_line};

const SEED: &str = include_str!("../tests/fixtures/seed.txt");

/// About `bytes` of book: chapters of ~`chapter_bytes` made of the seed's paragraphs, each
/// paragraph indented with two U+3000 as real TXT books are.
fn book(bytes: usize, chapter_bytes: usize) -> String {
    // Body paragraphs only: the seed's heading lines (【篇一】…) would become chapters.
    let paras: Vec<&str> = SEED
        .lines()
        .filter(|l| l.chars().count() > 60 && !l.contains('【'))
        .collect();
    let mut out = String::with_capacity(bytes + chapter_bytes);
    let mut n = 0usize;
    let mut p = 0usize;
    while out.len() < bytes {
        n += 1;
        out.push_str(&format!("第{n}章 脫貧攻堅\n"));
        let end = out.len() + chapter_bytes;
        while out.len() < end {
            out.push_str("　　");
            out.push_str(paras[p % paras.len()]);
            out.push('\n');
            p += 7;
        }
    }
    out
}

fn english(bytes: usize) -> String {
    let para = "It was the best of times, it was the worst of times, it was the age of\n\
                wisdom, it was the age of foolishness, it was the epoch of belief, it was\n\
                the epoch of incredulity, it was the season of Light, it was the season of\n\
                Darkness, it was the spring of hope, it was the winter of despair.\n\n";
    para.repeat(bytes / para.len() + 1)
}

fn params(width: usize) -> LayoutParams {
    LayoutParams {
        width,
        height: 40,
        ..LayoutParams::default()
    }
}

fn wrap_chapter(c: &mut Criterion) {
    let cjk = book(30_000, 30_000);
    let eng = english(30_000);
    let mut g = c.benchmark_group("wrap_chapter_30k");
    g.bench_function("cjk_w80", |b| {
        b.iter(|| layout_text(black_box(&cjk), true, &params(80)))
    });
    g.bench_function("cjk_justify_w37", |b| {
        let p = LayoutParams {
            justify: true,
            ambiguous_wide: true,
            ..params(37)
        };
        b.iter(|| layout_text(black_box(&cjk), true, &p))
    });
    g.bench_function("english_w80", |b| {
        b.iter(|| layout_text(black_box(&eng), false, &params(80)))
    });
    g.finish();
}

fn reader_steps(c: &mut Criterion) {
    let doc = Document::from_text(book(4_000_000, 30_000), "bench");
    let sizes: Vec<usize> = doc.chapters.iter().map(|c| c.range.len()).collect();
    eprintln!(
        "reader book: {} chapters, median {} bytes",
        sizes.len(),
        sizes.get(sizes.len() / 2).copied().unwrap_or(0)
    );
    let mut g = c.benchmark_group("reader");
    // A width change: only the chapter on screen is laid out again.
    g.bench_function("relayout_chapter_30k_new_width", |b| {
        let mut layout = BookLayout::for_document(&doc, params(80));
        let mut w = 80;
        b.iter(|| {
            w = if w == 80 { 79 } else { 80 };
            layout.set_params(params(w));
            black_box(layout.chapter(&doc, 5).page_count())
        })
    });
    // Next page into a chapter nobody has seen: lay it out, then draw its first page.
    g.bench_function("next_page_into_unseen_chapter", |b| {
        let mut layout = BookLayout::for_document(&doc, params(80));
        let mut idx = 0;
        b.iter(|| {
            idx = (idx + 1) % doc.chapters.len();
            if idx == 0 {
                layout = BookLayout::for_document(&doc, params(80));
            }
            let text = doc.chapter_text(idx);
            let p = layout.resolved_params().clone();
            let lines: Vec<String> = layout
                .chapter(&doc, idx)
                .page_lines(0)
                .iter()
                .map(|l| render_line(text, l, &p))
                .collect();
            black_box(lines)
        })
    });
    // Turning a page inside a laid-out chapter: no wrapping at all.
    g.bench_function("next_page_cached", |b| {
        let mut layout = BookLayout::for_document(&doc, params(80));
        let pages = layout.chapter(&doc, 3).page_count();
        let mut page = 0;
        b.iter(|| {
            page = (page + 1) % pages;
            let text = doc.chapter_text(3);
            let p = layout.resolved_params().clone();
            let lines: Vec<String> = layout
                .chapter(&doc, 3)
                .page_lines(page)
                .iter()
                .map(|l| render_line(text, l, &p))
                .collect();
            black_box(lines)
        })
    });
    g.finish();
}

fn whole_book(c: &mut Criterion) {
    let mb: usize = std::env::var("KANSHU_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let doc = Document::from_text(book(mb * 1_000_000, 30_000), "bench");
    let mut g = c.benchmark_group("whole_book");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function(format!("{mb}mb_chapter_by_chapter_w80"), |b| {
        b.iter(|| {
            let mut layout = BookLayout::for_document(&doc, params(80));
            let mut lines = 0;
            for idx in 0..doc.chapters.len() {
                lines += layout.chapter(&doc, idx).lines.len();
            }
            black_box(lines)
        })
    });
    g.finish();
}

criterion_group!(benches, wrap_chapter, reader_steps, whole_book);
criterion_main!(benches);

//! Store benchmarks: fingerprinting a 100 MB book (done on every open), opening its saved state
//! (read, resolve the resume place and 50 bookmarks), a save (lock, merge, atomic write), the
//! worst relocation: an edited book (found through its path) where no snippet matches, and a
//! save that merges 10,000 bookmarks and 40,000 deletions (linear since the merge indexes ids).
//!
//! Run: `cargo bench --bench store` (set `KANSHU_BENCH_MB` to change the book size).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kanshu::store::{BookSession, Store, fingerprint};
use kanshu::{Document, Position};

const SEED: &str = include_str!("../tests/fixtures/seed.txt");

/// About `mb` megabytes of book made of chapters of the seed's lines.
fn book(mb: usize) -> String {
    let mut out = String::with_capacity(mb << 20);
    let mut n = 0;
    while out.len() < mb << 20 {
        n += 1;
        out.push_str(&format!("第{n}章 脫貧攻堅\n"));
        out.push_str(SEED);
    }
    out
}

fn benches(c: &mut Criterion) {
    let mb = std::env::var("KANSHU_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let text = book(mb);
    let doc = Document::from_text(text.clone(), "bench");
    let mut g = c.benchmark_group("store");
    g.sample_size(10).measurement_time(Duration::from_secs(5));

    g.bench_function(format!("fingerprint {mb} MB"), |b| {
        b.iter(|| fingerprint(black_box(&doc.text)))
    });

    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::new(tmp.path());
    // The book "comes from" a path, so an edited text finds this state through it.
    let path = tmp.path().join("book.txt");
    let mut doc = doc;
    doc.path = Some(path.clone());
    let mut s = BookSession::open(&store, &doc);
    for i in 0..50 {
        let abs = doc.text.floor_char_boundary(doc.text.len() / 51 * (i + 1));
        s.add_bookmark(&doc, doc.position_of(abs), None);
    }
    s.set_position(&doc, Position::new(doc.chapters.len() / 2, 0));
    s.save().expect("save");

    g.bench_function(format!("open saved state, {mb} MB, 50 bookmarks"), |b| {
        b.iter(|| BookSession::open(&store, black_box(&doc)).resume())
    });
    g.bench_function("save (lock, merge, atomic write)", |b| {
        b.iter(|| {
            s.set_position(&doc, Position::new(1, 0));
            s.set_position(&doc, Position::new(2, 0));
            s.save().expect("save")
        })
    });

    // The worst case: the file at that path was edited so that no snippet is found any more;
    // every place is searched for near its offset, in its chapter and in the whole book.
    let mut edited = Document::from_text(
        text.chars()
            .map(|c| if c == '，' || c == ',' { '、' } else { c })
            .collect(),
        "bench",
    );
    edited.path = Some(path);
    g.bench_function(
        format!("open an edited {mb} MB book, 51 places lost"),
        |b| b.iter(|| BookSession::open(&store, black_box(&edited)).resume()),
    );

    // 10,000 live bookmarks and 40,000 recent deletions (the state that once made every save
    // take seconds): the save after a page turn merges them all with the copy on disk.
    let big = tempfile::tempdir().expect("temp dir");
    let big_store = Store::new(big.path());
    let small = Document::from_text(SEED.to_string(), "seed");
    let mut s = BookSession::open(&big_store, &small);
    let ids: Vec<String> = (0..50_000)
        .map(|i| {
            let abs = small
                .text
                .floor_char_boundary(small.text.len() / 50_000 * i);
            s.add_bookmark(&small, small.position_of(abs), None)
        })
        .collect();
    for id in &ids[10_000..] {
        s.delete_bookmark(id);
    }
    s.save().expect("save");
    g.bench_function("save with 10,000 bookmarks and 40,000 deletions", |b| {
        b.iter(|| {
            s.set_position(&small, Position::new(1, 0));
            s.set_position(&small, Position::new(2, 0));
            s.save().expect("save")
        })
    });
    g.finish();
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);

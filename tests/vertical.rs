//! Vertical layout of the seed article: a whole page as a reader sees it, and the place kept
//! across views and modes.

use kanshu::layout::LayoutParams;
use kanshu::layout::vertical::layout_vertical;
use kanshu::view::{Script, ViewOptions, view_text};

const SEED: &str = include_str!("fixtures/seed.txt");

fn params(width: usize, height: usize) -> LayoutParams {
    LayoutParams {
        width,
        height,
        ..LayoutParams::default()
    }
}

fn page(text: &str, width: usize, height: usize, page: usize) -> String {
    let v = layout_vertical(text, true, &params(width, height));
    v.render_page(text, page)
        .iter()
        .map(|l| format!("{}|", l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_first_page_vertical() {
    insta::assert_snapshot!(page(SEED, 47, 16, 0));
}

#[test]
fn seed_clean_simplified_page_vertical() {
    let (text, _) = view_text(
        SEED,
        &ViewOptions {
            script: Script::Simplified,
            clean: true,
        },
    );
    insta::assert_snapshot!(page(&text, 47, 16, 1));
}

#[test]
fn every_character_of_the_seed_is_on_some_page() {
    let v = layout_vertical(SEED, true, &params(40, 20));
    let mut shown = String::new();
    for k in 0..v.columns.len() {
        for cell in v.column_cells(SEED, k) {
            shown.push_str(&SEED[cell.range]);
        }
    }
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // The seed says its title twice; laid out with a heading, the second copy is not drawn.
    let again = crate::common::repeated_heading(SEED, true);
    assert_eq!(again.len(), 1);
    let drawn = format!("{}{}", &SEED[..again[0].start], &SEED[again[0].end..]);
    assert_eq!(strip(&shown), strip(&drawn));
    // Every row of every page is exactly the page width.
    for p in 0..v.page_count() {
        for row in v.page_grid(SEED, p) {
            assert_eq!(row.iter().map(|g| g.width).sum::<usize>(), 40);
        }
    }
}

#[test]
fn switching_between_views_in_vertical_mode_keeps_the_page_content() {
    let at = SEED.find("鞏固拓展").unwrap_or(0);
    let o = ViewOptions {
        script: Script::Simplified,
        clean: true,
    };
    let (text, map) = view_text(SEED, &o);
    let v = layout_vertical(&text, true, &params(40, 20));
    let page = v.page_of_offset(map.to_view(at));
    assert!(v.page_range(page).contains(&map.to_view(at)));
    // Back in the original text, the place is where it was.
    assert_eq!(map.to_source(map.to_view(at)), at);
}

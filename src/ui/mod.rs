//! `draw(&App, frame)`: paints what the app has already computed. No state changes.

//! The reader's state and `App::update(Action)`: moves the Position, opens popups, asks the
//! layout engine for pages. No drawing and no terminal I/O here.

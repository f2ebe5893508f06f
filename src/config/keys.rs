//! What the `[keys.*]` tables of the configuration file add to key names: the value that
//! removes a default binding. Key names, actions and the keymap themselves are `crate::keys`;
//! the tables are read into a `keys::Keymap` by `parse`.

/// The value that removes a default binding.
pub const UNBIND: &str = "none";

// The suggestion helpers serve every config message, not only key names.
pub(crate) use crate::keys::{KeyNameError, closest, did_you_mean};

//! The `[keys.MODE]` tables: each binding parsed into the keymap, a shadowed sequence and a
//! keymap with no way to quit reported. Part of the walk in `parse.rs`.

use super::*;

impl Walker<'_> {
    pub(super) fn keys(&mut self, bindings: &mut Keymap, t: &dyn TableLike) {
        let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
        for (key, item) in self.entries(t, "keys", &modes) {
            let Some(mode) = Mode::from_name(key.get()) else {
                continue;
            };
            let section = join("keys", key.get());
            let Some(table) = self.table(key, item, &section) else {
                continue;
            };
            // Every binding is checked against every other one of its mode; a table of
            // a hundred thousand keys is a mistake, not a keymap.
            let count = table.iter().count();
            if count > MAX_BINDINGS {
                self.error(
                    key.span(),
                    &section,
                    ErrorKind::TooMany {
                        what: "bindings",
                        count,
                        max: MAX_BINDINGS,
                    },
                );
                continue;
            }
            for (name, _) in table.iter() {
                let Some((k, v)) = table.get_key_value(name) else {
                    continue;
                };
                let path = join(&section, name);
                let seq = match KeySeq::parse(name) {
                    Ok(s) => s,
                    Err(e) => {
                        self.error(k.span(), &path, ErrorKind::BadKeyName(e));
                        continue;
                    }
                };
                let Some(action) = self.string(k, v, &path) else {
                    continue;
                };
                if action == UNBIND {
                    bindings.unbind(mode, &seq);
                    continue;
                }
                match Action::from_name(action) {
                    Some(action) => {
                        bindings.bind(mode, seq.clone(), action);
                        self.new_bindings.push((mode, seq, k.span(), path));
                    }
                    None => {
                        let names = BINDABLE.iter().filter_map(Action::name).chain([UNBIND]);
                        self.error(
                            span_of(k, v),
                            &path,
                            ErrorKind::UnknownAction {
                                action: action.to_string(),
                                suggestion: keys::closest(action, names),
                            },
                        );
                    }
                }
            }
        }
    }

    /// A sequence is untypable when a shorter sequence that starts it is bound on its own.
    pub(super) fn check_shadowing(&mut self, bindings: &Keymap) {
        let new = std::mem::take(&mut self.new_bindings);
        for (mode, seq, span, path) in &new {
            let all = bindings.bindings(*mode);
            // Still bound as written (a later line may have unbound it)?
            if !all.iter().any(|b| &b.keys == seq) {
                continue;
            }
            for b in &all {
                let (long, short) = if b.keys.0.len() < seq.0.len() {
                    (seq, &b.keys)
                } else if b.keys.0.len() > seq.0.len() {
                    (&b.keys, seq)
                } else {
                    continue;
                };
                if long.0.starts_with(&short.0) {
                    let action = all
                        .iter()
                        .find(|x| &x.keys == short)
                        .and_then(|x| x.action.name())
                        .unwrap_or("");
                    self.error(
                        span.clone(),
                        &if long == seq {
                            path.clone()
                        } else {
                            join(&join("keys", mode.name()), &long.to_string())
                        },
                        ErrorKind::ShadowedSequence {
                            prefix: short.to_string(),
                            action: action.to_string(),
                        },
                    );
                    break;
                }
            }
        }
    }

    /// A keymap with no key for `quit` while reading would trap the reader in the program.
    pub(super) fn check_quit(&mut self, keymap: &Keymap) {
        let quits = !keymap.keys_for(Mode::Reader, &Action::Quit).is_empty();
        if !quits {
            self.error(
                None,
                &join("keys", Mode::Reader.name()),
                ErrorKind::NoWayToQuit,
            );
        }
    }
}

//! The `kanshu` binary: parse the command line and hand over to `kanshu::cli`.

fn main() {
    std::process::exit(kanshu::cli::run());
}

fn main() -> std::process::ExitCode {
    tradewatch::cli::main()
}

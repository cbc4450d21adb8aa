/// The entry libFuzzer calls with each input.
public typealias FuzzEntry = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzEntry) -> CInt

/// Hands the command line to libFuzzer, which then calls `entry` with input after input.
public func runFuzzer(_ entry: FuzzEntry) -> CInt {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, entry)
}

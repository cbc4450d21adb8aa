import Foundation
import FuzzDriver

// libFuzzer's driver runs `fuzzCompiler` on each input (see Fuzz/Package.swift for why it is called
// from here rather than from libFuzzer's own main).
exit(runFuzzer { data, size in fuzzCompiler(data, size) })

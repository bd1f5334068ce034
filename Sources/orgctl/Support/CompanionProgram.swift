#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The programs built apart from orgctl and installed beside it
/// (`orgctl-render`, `orgctl-serve`), so that orgctl stays a small static
/// executable.
enum CompanionProgram {
    /// `name` in orgctl's own folder, else on the PATH; nil when neither has
    /// an executable of that name.
    static func locate(_ name: String) -> String? {
        var folders: [String] = []
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let own = length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : CommandLine.arguments.first ?? ""
        if let slash = own.lastIndex(of: "/") { folders.append(String(own[..<slash])) }
        if let path = getenv("PATH") { folders += String(cString: path).split(separator: ":").map(String.init) }
        return folders.map { $0 + "/" + name }.first { access($0, X_OK) == 0 }
    }
}

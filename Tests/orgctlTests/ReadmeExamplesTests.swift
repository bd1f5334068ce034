import Foundation
import Testing

/// The README's transcripts (`$ orgctl …` followed by what it prints, in a
/// plain ``` block) are run on a fresh example organisation each and must print exactly what the README
/// shows, so the README cannot drift from the product. Only the time of day of
/// a timestamp is allowed to differ, since the README was written at one.
@Suite("README transcripts")
struct ReadmeExamplesTests {
    struct Transcript: CustomStringConvertible, Sendable {
        var firstLine: Int
        var steps: [(arguments: [String], expected: [String])]
        var description: String { "README.md:\(firstLine)" }
    }

    static let transcripts: [Transcript] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var transcripts: [Transcript] = []
        var current: Transcript?
        var inBlock = false
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if inBlock, let transcript = current, !transcript.steps.isEmpty { transcripts.append(transcript) }
                inBlock.toggle()
                // A `console` block shows a session on files of the reader's
                // own (an HR export, a directory): it is not run here.
                current = inBlock && line != "```console" ? Transcript(firstLine: index + 2, steps: []) : nil
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ orgctl ") {
                current?.steps.append((shellWords(String(line.dropFirst("$ orgctl ".count))), []))
            } else if let last = current?.steps.indices.last {
                current?.steps[last].expected.append(line)
            }
        }
        return transcripts
    }()

    @Test("the README has transcripts to check")
    func found() {
        #expect(Self.transcripts.count >= 5)
    }

    @Test("each transcript prints what the README shows", arguments: transcripts)
    func transcript(_ transcript: Transcript) throws {
        let sandbox = try Sandbox.example()
        for step in transcript.steps {
            let result = try sandbox.run(step.arguments)
            let printed = result.stdoutLines + result.stderrLines
            #expect(printed.map(Self.withoutTimeOfDay) == step.expected.map(Self.withoutTimeOfDay),
                    "\(transcript): orgctl \(step.arguments.joined(separator: " ")) printed:\n\(printed.joined(separator: "\n"))")
        }
    }

    /// `2026-11-23 15:40` as `2026-11-23 HH:MM`, any date: the README shows the
    /// moment it was written.
    static func withoutTimeOfDay(_ line: String) -> String {
        line.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "YYYY-MM-DD HH:MM", options: .regularExpression)
    }

    /// Splits a command line as a shell would for the simple quoting the README uses.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else if character == "#" && !inWord {
                break
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}

/// Excel's rules for a sheet's name. A workbook that breaks one opens only after Excel "repairs"
/// it (renaming or dropping the sheet), so names are checked before anything is written.
public enum SheetName {
    /// Excel counts a name's length in UTF-16 code units.
    public static let maximumLength = 31
    /// Characters a name cannot contain. Checked character by character of Unicode (scalars),
    /// as Excel checks them: a "[" carrying a combining accent is still a "[".
    public static let forbiddenCharacters: Set<Unicode.Scalar> = [":", "\\", "/", "?", "*", "[", "]"]

    /// Why a name is not allowed, in words for the person who chose it; nil if it is allowed.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf16.count > maximumLength {
            return "it is \(name.utf16.count) characters long; Excel allows at most \(maximumLength)"
        }
        if let bad = name.unicodeScalars.first(where: forbiddenCharacters.contains) {
            return "it contains \"\(bad)\"; Excel does not allow any of : \\ / ? * [ ]"
        }
        if name.unicodeScalars.contains(where: isControlOrInvalid) {
            return "it contains a control character"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            return "it starts or ends with an apostrophe, which Excel does not allow"
        }
        if name.lowercased() == "history" {
            return "Excel reserves the name \"History\""
        }
        return nil
    }

    /// A name that obeys every rule and differs (ignoring case, as Excel does) from each of
    /// `taken`: forbidden characters become "_", control characters are dropped, a too-long name
    /// is cut, and a clash gets " (2)", " (3)" … — for names that come from data, such as an
    /// area's, where failing would be unhelpful.
    public static func sanitized(_ proposed: String, avoiding taken: [String] = []) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in proposed.unicodeScalars where !isControlOrInvalid(scalar) {
            scalars.append(forbiddenCharacters.contains(scalar) ? "_" : scalar)
        }
        var base = String(scalars)
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Sheet" }
        if base.lowercased() == "history" { base += " (sheet)" }
        let used = Set(taken.map { $0.lowercased() })
        var candidate = truncated(base, suffix: "")
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = truncated(base, suffix: " (\(n))")
            n += 1
        }
        return candidate
    }

    /// `base` cut (on a whole character, and without leaving an apostrophe at its end) so that
    /// `base + suffix` fits.
    private static func truncated(_ base: String, suffix: String) -> String {
        var cut = base
        while cut.utf16.count + suffix.utf16.count > maximumLength || cut.hasSuffix("'") {
            cut.removeLast()
        }
        return cut + suffix
    }

    private static func isControlOrInvalid(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || !XMLText.isAllowed(scalar)
    }
}

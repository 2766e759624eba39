/// The styles part (`xl/styles.xml`). Cells refer to a style by its index in `cellXfs`:
/// 0 is the default, 1 the bold header. Excel requires the two built-in fills (none and
/// gray125) to be present even when unused, and at least one font and border.
enum Styles {
    static let header = 1

    static func xml() -> String {
        XMLPart.declaration
            + #"<styleSheet xmlns="\#(XMLPart.spreadsheetML)">"#
            + #"<fonts count="2">"#
            + #"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + "</fonts>"
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2">"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }
}

/// The styles part (`xl/styles.xml`). Cells refer to a style by its index in `cellXfs`:
/// 0 is the default, 1 the bold header, 2 the title, then one per `NumberFormat` (3 onwards, in
/// `NumberFormat.allCases` order), then text wrapped within its cell, from the top. Excel
/// requires the two built-in fills (none and gray125) to be present even when unused, and at
/// least one font and border.
enum Styles {
    static let header = 1
    static let title = 2

    static func style(_ format: NumberFormat) -> Int { 3 + NumberFormat.allCases.firstIndex(of: format)! }
    static let wrapped = 3 + NumberFormat.allCases.count

    static func xml() -> String {
        var out = XMLPart.declaration + #"<styleSheet xmlns="\#(XMLPart.spreadsheetML)">"#
        out += #"<numFmts count="\#(NumberFormat.allCases.count)">"#
        for format in NumberFormat.allCases {
            out += #"<numFmt numFmtId="\#(format.id)" formatCode="\#(XMLText.escape(format.rawValue))"/>"#
        }
        out += "</numFmts>"
        out += #"<fonts count="3">"#
            + #"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + #"<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>"#
            + "</fonts>"
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        out += #"<cellXfs count="\#(wrapped + 1)">"#
            + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        for format in NumberFormat.allCases {
            out += #"<xf numFmtId="\#(format.id)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        }
        out += #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
        out += "</cellXfs>"
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
        return out
    }
}

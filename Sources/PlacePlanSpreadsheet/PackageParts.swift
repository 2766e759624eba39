/// The parts that tie a workbook together: what each file is (`[Content_Types].xml`), where the
/// workbook is (`_rels/.rels`), which sheets it has (`xl/workbook.xml`) and where their parts
/// are (`xl/_rels/workbook.xml.rels`). Sheet N is `xl/worksheets/sheetN.xml` with relationship
/// id `rIdN`; styles and shared strings take the ids after the sheets.
enum PackageParts {
    static func sheetPath(_ n: Int) -> String { "xl/worksheets/sheet\(n).xml" }

    static func contentTypes(sheetCount: Int, sharedStrings: Bool) -> String {
        var out = XMLPart.declaration + #"<Types xmlns="\#(XMLPart.contentTypesNamespace)">"#
        out += #"<Default Extension="rels" ContentType="\#(XMLPart.ContentType.relationships)"/>"#
        out += #"<Default Extension="xml" ContentType="\#(XMLPart.ContentType.xml)"/>"#
        out += override("/xl/workbook.xml", XMLPart.ContentType.workbook)
        for n in 1...sheetCount { out += override("/" + sheetPath(n), XMLPart.ContentType.worksheet) }
        out += override("/xl/styles.xml", XMLPart.ContentType.styles)
        if sharedStrings { out += override("/xl/sharedStrings.xml", XMLPart.ContentType.sharedStrings) }
        out += override("/docProps/app.xml", XMLPart.ContentType.extendedProperties)
        return out + "</Types>"
    }

    private static func override(_ part: String, _ type: String) -> String {
        #"<Override PartName="\#(part)" ContentType="\#(type)"/>"#
    }

    static func rootRelationships() -> String {
        XMLPart.declaration + #"<Relationships xmlns="\#(XMLPart.packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(XMLPart.RelationshipType.officeDocument)" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="\#(XMLPart.RelationshipType.extendedProperties)" Target="docProps/app.xml"/>"#
            + "</Relationships>"
    }

    static func workbook(sheets: [Sheet]) -> String {
        var out = XMLPart.declaration
        out += #"<workbook xmlns="\#(XMLPart.spreadsheetML)" xmlns:r="\#(XMLPart.relationshipsNamespace)">"#
        out += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            out += #"<sheet name="\#(XMLText.escape(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        out += "</sheets>"
        // The title and header rows repeat at the top of every printed page.
        let titled = sheets.enumerated().filter { $0.element.headerRows > 0 }
        guard !titled.isEmpty else { return out + "</workbook>" }
        out += "<definedNames>"
        for (i, sheet) in titled {
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            out += #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(i)">"#
                + XMLText.escape("\(quoted)!$1:$\(sheet.headerRows)") + "</definedName>"
        }
        return out + "</definedNames></workbook>"
    }

    static func workbookRelationships(sheetCount: Int, sharedStrings: Bool) -> String {
        var out = XMLPart.declaration + #"<Relationships xmlns="\#(XMLPart.packageRelationships)">"#
        for n in 1...sheetCount {
            out += relationship(n, XMLPart.RelationshipType.worksheet, "worksheets/sheet\(n).xml")
        }
        out += relationship(sheetCount + 1, XMLPart.RelationshipType.styles, "styles.xml")
        if sharedStrings { out += relationship(sheetCount + 2, XMLPart.RelationshipType.sharedStrings, "sharedStrings.xml") }
        return out + "</Relationships>"
    }

    private static func relationship(_ id: Int, _ type: String, _ target: String) -> String {
        #"<Relationship Id="rId\#(id)" Type="\#(type)" Target="\#(target)"/>"#
    }

    /// `docProps/app.xml`: the application that wrote the file. Optional for Excel and
    /// LibreOffice; written so that file managers and "Properties" dialogs can say what made it.
    /// (There is deliberately no `docProps/core.xml`: its creation time would make every export
    /// of the same tables differ byte for byte.)
    static func appProperties() -> String {
        XMLPart.declaration
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
            + "<Application>PlacePlan</Application></Properties>"
    }
}

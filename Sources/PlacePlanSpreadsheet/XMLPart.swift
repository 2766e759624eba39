/// Namespaces, content types and relationship types of the Office Open XML parts written here
/// (ECMA-376, transitional). Kept in one place: a typo in any of them makes Excel reject the file.
enum XMLPart {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types"

    enum ContentType {
        static let relationships = "application/vnd.openxmlformats-package.relationships+xml"
        static let xml = "application/xml"
        static let workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        static let worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        static let styles = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
        static let sharedStrings = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        static let coreProperties = "application/vnd.openxmlformats-package.core-properties+xml"
        static let extendedProperties = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    }

    enum RelationshipType {
        private static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        static let officeDocument = base + "officeDocument"
        static let worksheet = base + "worksheet"
        static let styles = base + "styles"
        static let sharedStrings = base + "sharedStrings"
        static let extendedProperties = base + "extended-properties"
        static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    }
}

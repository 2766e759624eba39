import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element, small enough to walk in a test: the name as written (prefix included),
/// attributes, child elements and the text directly inside it.
final class Node {
    let name: String
    let attributes: [String: String]
    var children: [Node] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    func child(_ name: String) -> Node? { children.first { $0.name == name } }
    func all(_ name: String) -> [Node] { children.filter { $0.name == name } }

    /// Every element below this one with that name, depth first.
    func descendants(_ name: String) -> [Node] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses with Foundation's XMLParser (libxml2 on Linux), which stops at anything that is not
    /// well-formed XML 1.0 — the same test a spreadsheet program's reader applies first.
    static func parse(_ data: Data) throws -> Node {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let line = parser.lineNumber, column = parser.columnNumber
            throw ParseError(description: "not well-formed XML at line \(line), column \(column): \(String(describing: parser.parserError))")
        }
        return root
    }

    static func parse(_ text: String) throws -> Node { try parse(Data(text.utf8)) }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: Node?
    private var stack: [Node] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = Node(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

/// The Okabe–Ito palette: eight colours that stay distinct under the common forms of colour
/// blindness. Series take them in order; black is kept for capacity and axes.
public enum Palette {
    public static let colours = [
        "#0072B2",  // blue
        "#E69F00",  // orange
        "#009E73",  // bluish green
        "#CC79A7",  // reddish purple
        "#56B4E9",  // sky blue
        "#D55E00",  // vermillion
        "#F0E442",  // yellow (light: used last)
        "#000000",  // black
    ]
    public static let ink = "#222222"
    public static let grid = "#DDDDDD"

    public static func colour(_ index: Int) -> String { colours[index % (colours.count - 1)] }
}

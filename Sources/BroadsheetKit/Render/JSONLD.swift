/// Schema.org `NewsArticle` metadata for an article page, safe inside `<script>`.
///
/// Written by hand, keys sorted, in exactly the bytes Foundation's `JSONEncoder` with
/// `.sortedKeys` gives (`/` written `\/`), plus `<` as `\u003c`, so neither `</script>`
/// nor `<!--` can end the element early. `JSONEncoder` cost 4 % of a build.
enum JSONLD {
    static func newsArticle(_ placed: PlacedArticle, site: SiteConfig, url: String?) -> String? {
        let article = placed.article
        var json = "{\"@context\":\"https:\\/\\/schema.org\",\"@type\":\"NewsArticle\""
        if let name = article.author ?? article.source {
            json += ",\"author\":"
            entity(type: article.author == nil ? "Organization" : "Person", name: name, into: &json)
        }
        json += ",\"datePublished\":"
        string(Timestamp.rfc3339(article.date), into: &json)
        json += ",\"description\":"
        string(article.summary, into: &json)
        json += ",\"headline\":"
        string(article.title, into: &json)
        json += ",\"keywords\":["
        for (position, topic) in placed.topics.enumerated() {
            if position > 0 { json += "," }
            string(topic.name, into: &json)
        }
        json += "],\"publisher\":"
        entity(type: "Organization", name: site.title, into: &json)
        if let url {
            json += ",\"url\":"
            string(url, into: &json)
        }
        return json + "}"
    }

    private static func entity(type: String, name: String, into json: inout String) {
        json += "{\"@type\":"
        string(type, into: &json)
        json += ",\"name\":"
        string(name, into: &json)
        json += "}"
    }

    static func string(_ text: String, into json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "/": json += "\\/"
            case "<": json += "\\u003c"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case "\u{8}": json += "\\b"
            case "\u{C}": json += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    json.unicodeScalars.append(scalar)
                }
            }
        }
        json += "\""
    }
}

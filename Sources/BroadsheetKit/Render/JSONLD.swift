/// Schema.org `NewsArticle` metadata for an article page, safe inside `<script>`
/// (`ScriptJSON`). Written by hand with its keys in a fixed order: `JSONEncoder`
/// cost 4 % of a build.
enum JSONLD {
    static func newsArticle(_ placed: PlacedArticle, site: SiteConfig, url: String?) -> String? {
        let article = placed.article
        var json = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\""
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

    private static func string(_ text: String, into json: inout String) {
        ScriptJSON.appendString(text, to: &json)
    }
}

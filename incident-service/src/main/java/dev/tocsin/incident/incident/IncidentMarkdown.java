package dev.tocsin.incident.incident;

import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.incident.incident.Incident.Role;
import dev.tocsin.incident.timeline.Timelines.Line;
import java.util.List;

/**
 * The live incident state document of the SRE book's template as Markdown: what the incident is,
 * who holds which role, where people meet, when the next update is due, what has to be true
 * before it ends, the recent changes to its services, the to-dos, and the timeline. Text people wrote goes in as it is, on lines of its
 * own, with what would start a Markdown heading or list escaped.
 */
public final class IncidentMarkdown {

    private IncidentMarkdown() {
    }

    public static String render(Incident incident, List<RecentChange> changes, List<Line> timeline) {
        StateDocument doc = incident.document();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(incident.title())).append("\n\n");
        md.append("- **Status:** ").append(incident.status().word()).append('\n');
        md.append("- **Severity:** ").append(incident.severity()).append('\n');
        md.append("- **Services:** ").append(incident.services().isEmpty() ? "none named"
                : inline(String.join(", ", incident.services()))).append('\n');
        md.append("- **Declared:** ").append(incident.declaredAt()).append(" by ").append(incident.declaredBy())
                .append(" (").append(inline(incident.reason())).append(")\n");
        md.append("- **Command post:** ").append(orNone(doc.commandPost())).append('\n');
        md.append("- **Next update due:** ").append(doc.nextUpdateDue() == null ? "not set" : doc.nextUpdateDue())
                .append("\n\n");
        roles(md, incident);
        section(md, "Summary", doc.summary());
        section(md, "Detailed status", doc.detailedStatus());
        section(md, "Exit criteria", doc.exitCriteria());
        md.append("\n## Recent changes\n\n");
        if (changes.isEmpty()) {
            md.append("None reported to its services in the two hours before it, or since.\n");
        }
        changes.forEach(change -> md.append("- ").append(change.at()).append(" · ").append(inline(change.service()))
                .append(" · ").append(inline(change.summary()))
                .append(change.source() == null ? "" : " (" + inline(change.source()) + ")")
                .append(change.link() == null ? "" : " <" + change.link().replace(">", "%3E") + ">").append('\n'));
        md.append("\n## To-dos\n\n");
        if (doc.todos().isEmpty()) {
            md.append("None.\n");
        }
        doc.todos().forEach(todo -> md.append("- [ ] ").append(inline(todo)).append('\n'));
        md.append('\n');
        timeline(md, timeline);
        return md.toString();
    }

    /** The "Roles" section: who holds each role, the unassigned ones said so. */
    static void roles(StringBuilder md, Incident incident) {
        md.append("## Roles\n\n");
        for (Role role : Role.values()) {
            String person = incident.roles().get(role);
            md.append("- **").append(capitalized(role.title())).append(":** ")
                    .append(person == null ? "unassigned" : person).append('\n');
        }
    }

    /** The "Timeline" section: a line per entry, oldest first. */
    static void timeline(StringBuilder md, List<Line> timeline) {
        md.append("## Timeline\n\n");
        timeline.forEach(line -> md.append("- ").append(line.at()).append(" · ").append(line.kind()).append(" · ")
                .append(inline(line.text())).append('\n'));
    }

    private static void section(StringBuilder md, String heading, String text) {
        md.append("\n## ").append(heading).append("\n\n").append(text == null || text.isBlank() ? "None yet."
                : block(text)).append('\n');
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "none yet" : inline(text);
    }

    /** One line: line breaks become spaces, and Markdown's emphasis and link characters are escaped. */
    static String inline(String text) {
        return text == null ? "" : text.replaceAll("\\R", " ").replaceAll("([\\\\`*_\\[\\]<>|])", "\\\\$1");
    }

    /** Paragraphs as written; a line that would begin a heading, list, quote or rule is escaped. */
    static String block(String text) {
        return String.join("\n", text.lines().map(line -> line.replaceAll("([\\\\`_\\[\\]<|])", "\\\\$1")
                .replaceAll("^(\\s*)([#>*+-]|\\d+\\.)", "$1\\\\$2")).toList());
    }

    private static String capitalized(String title) {
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }
}

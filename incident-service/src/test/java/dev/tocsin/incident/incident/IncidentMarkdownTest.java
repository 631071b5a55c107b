package dev.tocsin.incident.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.incident.incident.Incident.Role;
import dev.tocsin.incident.incident.Incident.Severity;
import dev.tocsin.incident.incident.IncidentChange.Declared;
import dev.tocsin.incident.incident.IncidentChange.DocumentEdited;
import dev.tocsin.incident.incident.IncidentChange.RoleAssigned;
import dev.tocsin.incident.timeline.Timelines.Line;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state document as Markdown: every section of the template, and what people wrote cannot add structure of its own. */
class IncidentMarkdownTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static Incident incident(StateDocument document) {
        return Incident.replay("inc-1", List.of(
                new Declared("Checkout *down*", Severity.SEV1, List.of("checkout"), List.of(), "declared by alice",
                        "alice", "alice", T),
                new RoleAssigned(Role.OPERATIONS, "bob", "alice", T.plusSeconds(60)),
                new DocumentEdited(document, Severity.SEV1, "alice", T.plusSeconds(120))));
    }

    @Test
    void everySectionOfTheTemplateIsThere() {
        String md = IncidentMarkdown.render(incident(new StateDocument("Card payments fail", "#inc-checkout",
                        T.plusSeconds(1800), "eu-west drained", "error rate under 0.1%", List.of("revert flag"))),
                List.of(new RecentChange("checkout", "Deploy v2.14", "ci", T.minusSeconds(600),
                        "https://ci.example/1")),
                List.of(new Line(T, "incident.declared", "declared SEV1 by alice", List.of())));
        assertTrue(md.startsWith("# Checkout \\*down\\*\n"), md);
        for (String expected : List.of("- **Status:** active", "- **Severity:** SEV1", "- **Command post:** #inc-checkout",
                "- **Next update due:** 2026-12-07T10:30:00Z", "- **Incident commander:** alice",
                "- **Operations lead:** bob", "- **Communications lead:** unassigned", "## Summary\n\nCard payments fail",
                "## Detailed status\n\neu-west drained", "## Exit criteria\n\nerror rate under 0.1%",
                "## Recent changes\n\n- 2026-12-07T09:50:00Z · checkout · Deploy v2.14 (ci) <https://ci.example/1>",
                "## To-dos\n\n- [ ] revert flag", "## Timeline\n\n- 2026-12-07T10:00:00Z · incident.declared · declared SEV1 by alice")) {
            assertTrue(md.contains(expected), expected + " in\n" + md);
        }
    }

    @Test
    void writtenTextCannotStartHeadingsListsOrLinks() {
        String md = IncidentMarkdown.render(incident(new StateDocument("# not a heading\n- not a list\n[x](https://evil)",
                null, null, null, null, List.of())), List.of(), List.of());
        assertTrue(md.contains("## Summary\n\n\\# not a heading\n\\- not a list\n\\[x\\](https://evil)"), md);
        assertFalse(md.contains("\n# not a heading"), md);
        assertEquals("a \\| b \\<c\\> d", IncidentMarkdown.inline("a | b\n<c> d"));
    }
}

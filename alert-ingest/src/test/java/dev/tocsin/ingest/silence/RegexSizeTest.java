package dev.tocsin.ingest.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexSizeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // Literals count one each; a class, an escape or \p{...} is one step whatever its width.
            "DiskFull              | 8",
            "'[a-z0-9_-]'          | 1",
            "'\\p{Greek}\\d'       | 2",
            // A ] first in a class and [:alpha:] belong to the class, so the count after it applies once.
            "'[]a]{10}'            | 10",
            "'[[:alpha:]]{10}'     | 10",
            // Counts multiply what they repeat, by their largest number; * + ? count twice.
            "'a{5}'                | 5",
            "'a{2,7}'              | 7",
            "'a{3,}'               | 3",
            "'a*'                  | 2",
            // Nested counts multiply: this is what the bound is for.
            "'(a{100}){100}'       | 10000",
            "'((a{1000}){1000}){1000}' | 1000000000",
            // An alternation adds up its branches.
            "'(ab|c){10}'          | 30",
            // A { that starts no count is a literal, as RE2 reads it.
            "'a{,5}'               | 5",
            "'{}'                  | 2",
            // \\Q...\\E is a literal of its length.
            "'\\Q(a{9}){9}\\E'     | 9"})
    void estimatesTheSizeOfTheCompiledRegex(String regex, long size) {
        assertEquals(size, RegexSize.of(regex));
    }
}

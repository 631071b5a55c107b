package dev.tocsin.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Rows as PostgreSQL prints each column, in the order the query gives: what a projection test
 * compares before and after the projection is dropped and rebuilt.
 */
public final class TableRows {

    private TableRows() {
    }

    /** Every column of each row {@code sql} selects; {@code params} bind its {@code ?}s in order. */
    public static List<List<String>> select(DataSource database, String sql, Object... params) throws SQLException {
        return select(database, Set.of(), sql, params);
    }

    /** As {@link #select(DataSource, String, Object...)} without the columns named in {@code skipped} (a serial id). */
    public static List<List<String>> select(DataSource database, Set<String> skipped, String sql, Object... params)
            throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                ResultSetMetaData columns = rs.getMetaData();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        if (!skipped.contains(columns.getColumnName(column))) {
                            row.add(rs.getString(column));
                        }
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}

package dev.tasksservice.e2e;

import java.util.ArrayList;
import java.util.List;

/** Rows of a label and one value per column, rendered as plain text aligned in columns, for pasting in notes. */
final class ReportTable {

    private static final String GAP = "  ";

    private final List<List<String>> rows = new ArrayList<>();

    ReportTable(String firstHeader, List<String> headers) {
        row(firstHeader, headers);
    }

    ReportTable row(String label, List<String> values) {
        List<String> row = new ArrayList<>();
        row.add(label);
        row.addAll(values);
        rows.add(row);
        return this;
    }

    String render() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                // The label column aligns left; values align right, so digits line up.
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? cell + padding : GAP + padding + cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}

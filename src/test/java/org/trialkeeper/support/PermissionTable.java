package org.trialkeeper.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The README's permission table: route to role (or "no sign-in") to allowed. */
public final class PermissionTable {

    private PermissionTable() {
    }

    public static Map<String, Map<String, Boolean>> read() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("<!-- permissions -->"), readme.indexOf("<!-- /permissions -->"));
        List<String> lines = table.lines().filter(line -> line.startsWith("|")).toList();
        List<String> header = cells(lines.get(0));
        Map<String, Map<String, Boolean>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            Map<String, Boolean> allowed = new LinkedHashMap<>();
            for (int i = 1; i < header.size(); i++) {
                allowed.put(header.get(i), cells.get(i).equals("yes"));
            }
            rows.put(cells.get(0).replace("`", ""), allowed);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip().substring(1, line.strip().length() - 1);
        return java.util.Arrays.stream(inner.split("\\|")).map(String::strip).toList();
    }
}

package org.trialkeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's fenced blocks that an HTML comment marks, and what their comments promise. */
final class ReadmeBlocks {

    private static final Pattern REFUSED = Pattern.compile("^\\s*#.*\\brefused with (\\d{3})\\b", Pattern.MULTILINE);

    private ReadmeBlocks() {
    }

    /** Every block of that language right under {@code <!-- marker -->}, joined in the README's order. */
    static String marked(String readme, String marker, String language) {
        List<String> lines = readme.lines().toList();
        StringBuilder script = new StringBuilder();
        int blocks = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("<!-- " + marker + " -->")) {
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).equals("```" + language)) {
                throw new IllegalStateException("line " + (i + 1) + ": the marker must stand right above a ```"
                        + language + " block");
            }
            int line = i + 2;
            while (line < lines.size() && !lines.get(line).equals("```")) {
                script.append(lines.get(line++)).append('\n');
            }
            if (line == lines.size()) {
                throw new IllegalStateException("line " + (i + 2) + ": the block is not closed");
            }
            blocks++;
        }
        if (blocks == 0) {
            throw new IllegalStateException("no block is marked " + marker);
        }
        return script.toString();
    }

    /** The statuses the script's comments say requests are refused with, in order. */
    static List<Integer> refusals(String script) {
        List<Integer> statuses = new ArrayList<>();
        Matcher refused = REFUSED.matcher(script);
        while (refused.find()) {
            statuses.add(Integer.parseInt(refused.group(1)));
        }
        return statuses;
    }
}

package org.trialkeeper.web;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * axe-core, from the npm registry, run in the page the browser shows: the serious and critical
 * violations of the WCAG rules it checks. The package is installed under target/ on first use.
 */
final class Accessibility {

    static final String VERSION = "4.10.2";
    private static final Path HOME = Path.of("target", "axe");
    private static final Path SCRIPT = HOME.resolve(Path.of("node_modules", "axe-core", "axe.min.js"));
    private static String source;

    private Accessibility() {
    }

    /** The serious and critical violations on the page, one line each naming the rule and the elements; empty when none. */
    static String violations(WebDriver driver) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript(script());
        Object found = page.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(function (result) {"
                + "   done(result.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "     .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + "       + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }).join('\\n'));"
                + " }).catch(function (e) { done('axe failed: ' + e); });");
        return String.valueOf(found);
    }

    private static synchronized String script() {
        if (source == null) {
            try {
                if (!Files.exists(SCRIPT)) {
                    install();
                }
                source = Files.readString(SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    private static void install() throws IOException {
        Files.createDirectories(HOME);
        Process npm = new ProcessBuilder("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund",
                "--silent", "axe-core@" + VERSION).inheritIO().start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.exists(SCRIPT)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm could not install axe-core " + VERSION);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing axe-core", e);
        }
    }
}

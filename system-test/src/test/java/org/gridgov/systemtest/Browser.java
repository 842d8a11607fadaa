package org.gridgov.systemtest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser on the console: headless Chromium driven by Selenium through Debian's chromedriver (no download at
 * run time). Phone (360 x 800) or desktop (1280 x 900) window; sign-in as a demo user on the local sign-in page.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("gridgov.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("gridgov.chromedriver", "/usr/bin/chromedriver"));
    static final Dimension PHONE = new Dimension(360, 800);
    static final Dimension DESKTOP = new Dimension(1280, 900);

    final ChromeDriver driver;
    final String base;
    final WebDriverWait wait;

    Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN",
                "--window-size=1280,900", "--force-device-scale-factor=1", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, o);
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(45));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    Browser size(Dimension d) {
        driver.manage().window().setSize(d);
        return this;
    }

    /** signs out whoever is signed in, and signs in as a demo user */
    Browser signIn(String user) {
        driver.get(base + "/sign-out");
        driver.get(base + "/sign-in/local");
        click(By.id("sign-in-" + user));
        wait.until(ExpectedConditions.textToBe(By.id("who"), user));
        return this;
    }

    Browser open(String hashRoute) {
        driver.get(base + "/#/" + hashRoute);
        return this;
    }

    WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement awaitPresent(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /**
     * clicks an element as a person would: waits until it can be clicked, brings it to the middle of the window (a
     * sticky header must not cover it) and clicks; a click that something else would receive is retried once the page
     * has settled
     */
    void click(By by) {
        wait.ignoring(ElementClickInterceptedException.class).until(d -> {
            WebElement el = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (el == null) {
                return false;
            }
            js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", el);
            el.click();
            return true;
        });
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** the controls (input, select, textarea, button) that have no accessible name: no label, aria-label or text */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) js("""
                const out = [];
                for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
                  const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
                    || el.getAttribute('title') || (el.tagName === 'BUTTON' && el.textContent.trim());
                  if (!named) out.push(el.outerHTML.slice(0, 120));
                }
                return out;""");
    }

    static final Path AXE = Path.of(System.getProperty("gridgov.axe", "node_modules/axe-core/axe.min.js"));
    private static String axeSource;

    /**
     * the serious and critical accessibility violations axe-core finds on the page as it is now (WCAG 2.x A and AA
     * rules and axe's best practices), one line each: rule, impact, what it means and the first elements concerned.
     * axe-core is installed at build time (system-test's package-lock.json) and injected into the page here.
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        if (axeSource == null) {
            try {
                axeSource = Files.readString(AXE);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing (" + AXE + "): the build installs it with npm ci", e);
            }
        }
        js("if (!window.axe) { " + axeSource + "\n}");
        Object out = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')
                        + (v.nodes[0] && v.nodes[0].failureSummary ? ' -- ' + v.nodes[0].failureSummary.replace(/\s+/g, ' ') : ''))),
                  e => done(['axe failed: ' + e]));""");
        return (List<String>) out;
    }

    /** saves a screenshot of the window into docs/screenshots */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("gridgov.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** a real JPEG photo (a drawing), as a phone camera would give one */
    static Path photo(String text) {
        try {
            BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(120, 160, 90));
            g.fillRect(0, 0, 320, 240);
            g.setColor(new Color(90, 60, 30));
            g.fillRect(140, 60, 40, 160);
            g.setColor(Color.WHITE);
            g.drawString(text, 10, 20);
            g.dispose();
            Path f = Files.createTempFile("photo", ".jpg");
            ImageIO.write(img, "jpg", f.toFile());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

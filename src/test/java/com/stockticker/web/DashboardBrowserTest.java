package com.stockticker.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.DashboardPage;
import com.stockticker.support.HeadlessChromium;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.SessionDropper;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in a real headless Chromium against the running server. */
@LiveServerTest
class DashboardBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    SessionDropper sessions;

    private HeadlessChromium chromium;
    private WebDriver page;
    private WebDriverWait wait;
    private DashboardPage dashboard;

    @BeforeEach
    void startBrowser() throws IOException {
        browser(HeadlessChromium.ENGLISH);
    }

    /** A browser of its own that asks for {@code acceptLanguages}, in place of the one there is. */
    private void browser(String acceptLanguages) throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        chromium = HeadlessChromium.start(1440, 1400, acceptLanguages);
        page = chromium.driver();
        wait = chromium.waiting(TIMEOUT);
        dashboard = new DashboardPage(chromium, wait, "http://localhost:" + port);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void pricesAppearAndChangeWhileTheBadgeSaysLive() {
        open("/");
        awaitLive();
        assertThat(page.findElement(By.id("status-text")).getText()).isEqualTo("Live");
        assertThat(page.findElement(By.id("status")).getDomAttribute("data-transport")).isEqualTo("WebSocket");

        WebElement apple = row("AAPL");
        wait.until(driver -> !apple.findElement(By.cssSelector("td:nth-child(3)")).getText().isEmpty());
        long seq = boardSeq();
        String appleSeq = apple.getDomAttribute("data-seq");
        wait.until(driver -> boardSeq() >= seq + 5 && !apple.getDomAttribute("data-seq").equals(appleSeq));
        assertThat(apple.findElement(By.cssSelector("td:nth-child(3)")).getText()).matches("\\d{1,3}(,\\d{3})*\\.\\d\\d");
        assertThat(apple.findElement(By.cssSelector("td:nth-child(4)")).getText()).matches("[+-−]?\\d+\\.\\d\\d|0\\.00");
        wait.until(driver -> apple.findElements(By.cssSelector("svg.spark polyline")).get(0).getDomAttribute("points").split(" ").length > 3);
        // The footer names the core that runs the market: this single instance.
        wait.until(driver -> chromium.text("#core-info") != null && !chromium.text("#core-info").isEmpty());
        assertThat(chromium.text("#core-info")).startsWith("· core ").endsWith(" (this instance)");
        chromium.screenshot("dashboard");
    }

    @Test
    void theFilterNarrowsTheBoard() {
        open("/");
        awaitLive();
        WebElement filter = page.findElement(By.id("filter"));

        filter.sendKeys("nv");
        assertThat(visibleSymbols()).containsExactly("NVDA");
        filter.clear();
        filter.sendKeys("corp");
        assertThat(visibleSymbols()).contains("MSFT", "NVDA", "XOM").doesNotContain("AAPL", "KO");
        filter.clear();
        filter.sendKeys("x");
        assertThat(visibleSymbols()).hasSize(1 + 1).contains("XOM");
    }

    @Test
    void sortingByChangeOrdersTheRows() {
        open("/");
        awaitLive();
        page.findElement(By.cssSelector("th[data-key=changePercent] button")).click();

        assertThat(page.findElement(By.cssSelector("th[data-key=changePercent]")).getDomAttribute("aria-sort")).isEqualTo("descending");
        // Read in one go: the board re-sorts on every tick, and cell by cell the reads would straddle ticks.
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                "return [...document.querySelectorAll('#board tbody tr td:nth-child(5)')].map(cell => cell.textContent)");
        List<Double> changes = texts.stream()
                .map(text -> Double.parseDouble(text.replaceAll("[\\s%,+]", "").replace("−", "-")))
                .toList();
        assertThat(changes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void selectingASymbolDrawsItsCandlesFromHistoryThenExtendsThemAndTheIntervalSwitchChangesThem() {
        open("/");
        awaitLive();
        // Some seconds of market: the 1s candle snapshot has many bars.
        wait.until(driver -> boardSeq() > 120);

        row("MSFT").click();
        page.findElement(By.cssSelector("#intervals button[data-interval='1s']")).click();

        wait.until(driver -> page.findElement(By.id("detail-symbol")).getText().equals("MSFT"));
        // Drawn from MSFT's candle snapshot at once: many bars, not one.
        wait.until(driver -> "MSFT".equals(candles().getDomAttribute("data-symbol")) && "1s".equals(candles().getDomAttribute("data-interval")));
        assertThat(candleBars()).isGreaterThan(3);
        assertThat(page.findElements(By.cssSelector("#candles canvas"))).isNotEmpty();
        // Then extended: a newer bar begins. (Not the count, which stops at the history size on a long run.)
        String drawnUntil = candlesLast();
        wait.until(driver -> !candlesLast().equals(drawnUntil));
        assertThat(page.findElement(By.id("range-low")).getText()).isNotEmpty();
        assertThat(page.findElement(By.id("chart-label")).getText()).contains("1s candles from");
        // The crosshair's legend names the bar's values; away from the chart, the latest bar's.
        assertThat(page.findElement(By.cssSelector("#candles .u-legend")).getText()).contains("Open", "High", "Low", "Close", "Volume")
                .containsPattern("Close:?\\s*[0-9]");
        chromium.screenshot("candles");

        page.findElement(By.cssSelector("#intervals button[data-interval='5s']")).click();
        wait.until(driver -> "5s".equals(candles().getDomAttribute("data-interval")));
        assertThat(page.findElement(By.cssSelector("#intervals button[data-interval='5s']")).getDomAttribute("aria-checked")).isEqualTo("true");
        assertThat(page.findElement(By.id("chart-label")).getText()).contains("5s candles from");
    }

    @Test
    void aWatchlistAtOneUpdateASecondUpdatesAtThatRate() {
        open("/");
        awaitLive();
        new Select(page.findElement(By.id("watch-symbol"))).selectByValue("TSLA");
        new Select(page.findElement(By.id("watch-rate"))).selectByValue("1");
        page.findElement(By.cssSelector("#watch-form button")).click();

        WebElement item = wait.until(driver -> driver.findElement(By.cssSelector("#watch-items li[data-symbol=TSLA]")));
        wait.until(driver -> Integer.parseInt(item.getDomAttribute("data-updates")) >= 4);
        long[] ticks = Arrays.stream(item.getDomAttribute("data-update-ticks").split(",")).mapToLong(Long::parseLong).toArray();
        // The test market ticks every 50 ms: one update a second is one every 20 ticks, never closer. (No upper
        // bound: a busy machine merges late ticks, so the spacing may grow; the rate is a ceiling, not a promise.)
        for (int i = 1; i < ticks.length; i++) {
            assertThat(ticks[i] - ticks[i - 1]).isGreaterThanOrEqualTo(20L);
        }
        assertThat(item.findElement(By.cssSelector("span.num")).getText()).matches("\\d+\\.\\d\\d");
    }

    @Test
    void thePageRecoversAfterTheServerDropsTheConnection() throws IOException {
        open("/");
        awaitLive();
        long before = boardSeq();

        assertThat(sessions.dropAll()).isPositive();

        wait.until(driver -> status().equals("reconnecting"));
        assertThat(page.findElement(By.id("status-text")).getText()).isEqualTo("Reconnecting");
        awaitLive();
        long reconnectedAt = boardSeq();
        wait.until(driver -> boardSeq() > reconnectedAt + 3);
        assertThat(boardSeq()).isGreaterThan(before);
        // It resumed where it was: the batches missed while away came, not a second snapshot.
        WebElement board = page.findElement(By.id("board"));
        assertThat(board.getDomAttribute("data-resumes")).isEqualTo("1");
        assertThat(board.getDomAttribute("data-snapshots")).isEqualTo("1");
        assertThat(board.getDomAttribute("data-resyncs")).isNull();
    }

    @Test
    void onAPhoneTheBoardFitsTheScreen() {
        page.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        open("/");
        awaitLive();
        wait.until(driver -> !row("AAPL").findElement(By.cssSelector("td:nth-child(3)")).getText().isEmpty());

        assertThat(page.findElement(By.cssSelector("th[data-key=name]")).isDisplayed()).isFalse();
        assertThat(row("AAPL").findElement(By.cssSelector("td:nth-child(3)")).isDisplayed()).isTrue();
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        chromium.screenshot("phone");
        // The chart is on the phone too, under the board, drawn and as wide as the screen allows.
        wait.until(driver -> !driver.findElements(By.cssSelector("#candles canvas")).isEmpty());
        assertThat(candles().isDisplayed()).isTrue();
        assertThat(candles().getSize().getWidth()).isBetween(250, 390);
        chromium.screenshot("phone-chart", "#detail");
    }

    @Test
    void whenWebSocketIsBlockedThePageFallsBackToSockJs() {
        // As a proxy that refuses WebSocket would: every WebSocket this page opens closes before it opens.
        ((org.openqa.selenium.chromium.HasCdp) page).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                window.WebSocket = class BlockedWebSocket {
                  static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3;
                  constructor(url) {
                    this.url = url; this.readyState = 3;
                    setTimeout(() => {
                      this.onerror?.(new Event('error'));
                      this.onclose?.({ code: 1006, reason: 'blocked', wasClean: false });
                    }, 10);
                  }
                  send() {}
                  close() {}
                };
                """));
        open("/");

        awaitLive();
        assertThat(page.findElement(By.id("status")).getDomAttribute("data-transport")).isEqualTo("SockJS");
        long seq = boardSeq();
        wait.until(driver -> boardSeq() > seq + 3);
    }

    @Test
    void theSockJsTransportWorks() {
        open("/?transport=sockjs");
        awaitLive();
        assertThat(page.findElement(By.id("status")).getDomAttribute("data-transport")).isEqualTo("SockJS");
        long seq = boardSeq();
        wait.until(driver -> boardSeq() > seq + 3);
    }

    @Test
    void aLoggedInUserPlacesAMarketOrderAndSeesTheFillAndThePosition() {
        dashboard.logIn("browser", "alice-demo");
        awaitLive();
        assertThat(page.findElement(By.id("user-name")).getText()).isEqualTo("browser");
        wait.until(driver -> !driver.findElement(By.id("portfolio-cash")).getText().isEmpty());

        dashboard.placeOrder("AAPL", "5");

        // Read each in one go: the positions table is drawn anew on every revaluation, so an element found
        // once may be gone by the next call.
        String order = wait.until(driver -> chromium.text("#blotter tbody tr[data-status=FILLED]"));
        assertThat(order).contains("BUY", "AAPL", "FILLED");
        String held = wait.until(driver -> chromium.text("#positions tbody tr[data-symbol=AAPL] td:nth-child(2)"));
        assertThat(held).isEqualTo("5");
        assertThat(page.findElement(By.id("ticket-message")).getText()).startsWith("Filled: buy 5 AAPL at ");
        chromium.screenshot("trading");
    }

    /**
     * At common desktop widths every panel has the width its content needs: nothing scrolls sideways inside a
     * panel (the board, the chart, the positions and orders tables), nor the page. Screenshots of each width.
     */
    @Test
    void everyPanelHasTheWidthItNeedsFromLaptopToWideScreens() {
        dashboard.logIn("browser-layout", "alice-demo");
        awaitLive();
        dashboard.placeOrder("NFLX", "3");
        wait.until(driver -> chromium.text("#positions tbody tr[data-symbol=NFLX]"));
        row("MSFT").click();
        wait.until(driver -> "MSFT".equals(candles().getDomAttribute("data-symbol")));

        for (int width : new int[] { 1280, 1440, 1920 }) {
            page.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1100));
            wait.until(driver -> ((Number) chromium.driver().executeScript("return window.innerWidth")).intValue() <= width);
            assertThat(overflowing()).as("panels that scroll sideways at %d px", width).isEmpty();
            // The chart is not squeezed into a narrow column.
            assertThat(candles().getSize().getWidth()).as("chart width at %d px", width).isGreaterThanOrEqualTo(400);
            chromium.screenshot("layout-" + width);
        }
    }

    @Test
    void rejectionsAreShownNextToTheTicketInPlainWords() {
        dashboard.logIn("browser", "alice-demo");
        awaitLive();
        WebElement message = page.findElement(By.id("ticket-message"));

        // The form catches what it can check by itself, and sends nothing.
        new Select(page.findElement(By.id("order-type"))).selectByValue("LIMIT");
        page.findElement(By.id("order-limit")).sendKeys("100.005");
        page.findElement(By.id("order-submit")).click();
        assertThat(message.getText()).isEqualTo("The limit price must be a multiple of 0.01.");
        assertThat(page.findElement(By.id("order-limit")).getDomAttribute("aria-invalid")).isEqualTo("true");

        // The server judges what only it knows: selling shares that are not held.
        new Select(page.findElement(By.id("order-type"))).selectByValue("MARKET");
        new Select(page.findElement(By.id("order-symbol"))).selectByValue("TSLA");
        page.findElement(By.cssSelector("input[name=side][value=SELL]")).click();
        page.findElement(By.id("order-submit")).click();
        wait.until(driver -> message.getText().startsWith("Rejected:"));
        assertThat(message.getText()).contains("You cannot sell more TSLA than you hold");
        assertThat(((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                "return document.querySelector('#blotter tbody tr').dataset.status")).isEqualTo("REJECTED");
    }

    @Test
    void resettingTheAccountAsksFirstThenStartsAgainFromTheStartingCash() {
        dashboard.logIn("browser-reset", "alice-demo");
        awaitLive();
        String startingCash = wait.until(driver -> {
            String cash = chromium.text("#portfolio-cash");
            return cash == null || cash.isEmpty() ? null : cash;
        });
        dashboard.placeOrder("KO", null);
        wait.until(driver -> chromium.text("#blotter tbody tr[data-status=FILLED]"));
        wait.until(driver -> !startingCash.equals(chromium.text("#portfolio-cash")));

        // Cancelled at the question: nothing happens.
        page.findElement(By.id("account-reset")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(chromium.text("#blotter tbody tr[data-status=FILLED]")).contains("KO");

        page.findElement(By.id("account-reset")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(driver -> startingCash.equals(chromium.text("#portfolio-cash")));
        wait.until(driver -> chromium.text("#blotter tbody").isEmpty() && chromium.text("#positions tbody").isEmpty());
        assertThat(page.findElement(By.id("ticket-message")).getText()).isEqualTo("Account reset to its starting cash.");
        chromium.screenshot("account-reset");
    }

    /**
     * A Chinese browser gets the login page and the dashboard in Chinese, server-rendered words and the scripts'
     * alike, with numbers and times as Chinese writes them; the switch, used from the keyboard, brings English
     * back, and the choice outlasts a reload although the browser still asks for Chinese.
     */
    @Test
    void aChineseBrowserGetsTheChineseDashboardAndTheSwitchBringsEnglishBackForGood() throws IOException {
        browser("zh-CN,zh;q=0.9");
        open("/login");
        assertThat(language()).isEqualTo("zh-CN");
        assertThat(chromium.text("h1")).isEqualTo("登录后交易");
        assertThat(chromium.text("label[for=password]")).isEqualTo("密码");
        chromium.screenshot("login-zh");

        showcase("browser-zh");

        assertThat(language()).isEqualTo("zh-CN");
        assertThat(chromium.text("#status-text")).isEqualTo("实时");
        assertThat(chromium.text("#board-title")).isEqualTo("行情");
        assertThat(chromium.text("th[data-key=price]")).isEqualTo("最新价");
        assertThat(chromium.text("th[data-key=volume]")).isEqualTo("成交量");
        assertThat(chromium.text("#order-submit")).isEqualTo("下单");
        assertThat(chromium.text("#watchlist-title")).isEqualTo("自选");
        assertThat(page.findElement(By.id("intervals")).getDomAttribute("aria-label")).isEqualTo("K线周期");
        assertThat(page.findElement(By.id("lang-zh-CN")).getDomAttribute("aria-current")).isEqualTo("true");
        assertThat(page.findElement(By.id("lang-en")).getDomAttribute("aria-current")).isNull();
        // The scripts' words: the ticket, the blotter, the chart's legend and caption, the badge's detail.
        assertThat(chromium.text("#ticket-message")).startsWith("已受理：买入 AAPL 1 股，等待市价达到 1.00");
        assertThat(chromium.text("#blotter tbody tr[data-status=FILLED]")).contains("买入", "AAPL", "已成交");
        assertThat(chromium.text("#blotter tbody tr[data-status=NEW] button")).isEqualTo("撤单");
        assertThat(page.findElement(By.cssSelector("#blotter tbody tr[data-status=NEW] button")).getDomAttribute("aria-label"))
                .startsWith("撤销委托 O-");
        assertThat(chromium.text("#candles .u-legend")).contains("开盘", "最高", "最低", "收盘", "成交量");
        // Times of day as Chinese writes them: 24 hours, no AM/PM.
        assertThat(chromium.text("#chart-label")).matches("5秒 K线 \\d+ 根，\\d{1,2}:\\d{2}:\\d{2} 至 \\d{1,2}:\\d{2}:\\d{2}；最新收盘价 [\\d,.]+");
        assertThat(chromium.text("#intervals button[data-interval='1m']")).isEqualTo("1分钟");
        // Rising prices in red and falling ones in green, as Chinese traders read them.
        assertThat(chromium.driver().executeScript("""
                const style = getComputedStyle(document.documentElement);
                return [style.getPropertyValue('--rise'), style.getPropertyValue('--fall')];
                """)).isEqualTo(chromium.driver().executeScript("""
                const style = getComputedStyle(document.documentElement);
                return [style.getPropertyValue('--down'), style.getPropertyValue('--up')];
                """));
        assertThat(chromium.text("#status-detail")).startsWith("经由 WebSocket · 最近报价：").endsWith("秒钟前");
        // A price is what Intl makes of the number for zh-CN (read in one script: the board redraws every tick).
        assertThat(chromium.driver().executeScript("""
                const cell = document.querySelector('#board tr[data-symbol=AAPL] td:nth-child(3)');
                const formatted = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
                  .format(Number(cell.dataset.value));
                return cell.textContent === formatted ? 'same' : cell.textContent + ' != ' + formatted;""")).isEqualTo("same");
        // Words the form says itself, with a number in them.
        new Select(page.findElement(By.id("order-type"))).selectByValue("LIMIT");
        page.findElement(By.id("order-limit")).clear();
        page.findElement(By.id("order-limit")).sendKeys("100.005");
        page.findElement(By.id("order-submit")).click();
        assertThat(chromium.text("#ticket-message")).isEqualTo("委托价格必须是 0.01 的整数倍。");
        assertThat(overflowing()).as("panels that scroll sideways in Chinese").isEmpty();
        chromium.screenshot("dashboard-zh");

        // The switch works from the keyboard: it is a link, reached with Tab, followed with Enter.
        page.findElement(By.id("lang-en")).sendKeys(Keys.ENTER);
        chromium.waitForLoad("http://localhost:" + port + "/?lang=en", wait);
        awaitLive();
        assertThat(language()).isEqualTo("en");
        assertThat(chromium.text("#board-title")).isEqualTo("Market");
        assertThat(chromium.text("#status-text")).isEqualTo("Live");
        wait.until(driver -> chromium.text("#blotter tbody tr[data-status=FILLED]"));
        assertThat(chromium.text("#blotter tbody tr[data-status=FILLED]")).contains("BUY", "FILLED");

        open("/");
        awaitLive();
        assertThat(language()).as("the choice outlasts the reload").isEqualTo("en");
        assertThat(chromium.text("#board-title")).isEqualTo("Market");
        assertThat(chromium.text("#status-text")).isEqualTo("Live");
        assertThat(page.findElement(By.id("lang-en")).getDomAttribute("aria-current")).isEqualTo("true");
    }

    @Test
    void theLanguageSwitchKeepsThePagesOtherParameters() {
        open("/?transport=websocket");
        awaitLive();

        assertThat(page.findElement(By.id("lang-zh-CN")).getDomProperty("href"))
                .isEqualTo("http://localhost:" + port + "/?transport=websocket&lang=zh-CN");
        assertThat(page.findElement(By.id("lang-en")).getDomProperty("href"))
                .isEqualTo("http://localhost:" + port + "/?transport=websocket&lang=en");
    }

    @Test
    void anEnglishBrowserGetsTheEnglishDashboard() {
        showcase("browser-en");

        assertThat(language()).isEqualTo("en");
        assertThat(chromium.text("#status-text")).isEqualTo("Live");
        assertThat(chromium.text("th[data-key=price]")).isEqualTo("Last");
        assertThat(chromium.text("#ticket-message")).startsWith("Accepted: buy 1 AAPL, waiting for the market to reach 1.00");
        assertThat(page.findElement(By.id("lang-en")).getDomAttribute("aria-current")).isEqualTo("true");
        // Times of day as English writes them, with AM or PM.
        assertThat(chromium.text("#chart-label")).matches("\\d+ 5s candles from \\d{1,2}:\\d{2}:\\d{2}\\W?[AP]M to .*; last close [\\d,.]+");
        assertThat(chromium.text("#status-detail")).startsWith("via WebSocket · last tick ").endsWith(" ago");
        assertThat(overflowing()).isEmpty();
        chromium.screenshot("dashboard-en");
    }

    /**
     * Logs {@code user} in and fills every panel: a filled order and a resting one, a watched symbol, MSFT's 5 s
     * candles. What the language tests read, and what their screenshots show.
     */
    private void showcase(String user) {
        dashboard.logIn(user, "alice-demo");
        awaitLive();
        dashboard.placeOrder("AAPL", "5");
        wait.until(driver -> chromium.text("#positions tbody tr[data-symbol=AAPL]"));
        new Select(page.findElement(By.id("order-type"))).selectByValue("LIMIT");
        page.findElement(By.id("order-limit")).sendKeys("1.00");
        dashboard.placeOrder("AAPL", "1");
        wait.until(driver -> chromium.text("#blotter tbody tr[data-status=NEW]"));
        new Select(page.findElement(By.id("watch-symbol"))).selectByValue("TSLA");
        page.findElement(By.cssSelector("#watch-form button")).click();
        wait.until(driver -> Integer.parseInt(driver.findElement(By.cssSelector("#watch-items li[data-symbol=TSLA]")).getDomAttribute("data-updates")) > 0);
        row("MSFT").click();
        page.findElement(By.cssSelector("#intervals button[data-interval='5s']")).click();
        wait.until(driver -> "MSFT".equals(candles().getDomAttribute("data-symbol")) && "5s".equals(candles().getDomAttribute("data-interval"))
                && candleBars() > 3);
        wait.until(driver -> chromium.text("#status-detail").contains("·"));
    }

    private String language() {
        return (String) chromium.driver().executeScript("return document.documentElement.lang");
    }

    /** Panels (and the page) that scroll sideways: their content is wider than they are. */
    @SuppressWarnings("unchecked")
    private List<String> overflowing() {
        return (List<String>) chromium.driver().executeScript("""
                return [...document.querySelectorAll('.top, .board-panel, .card, .table-wrap, #candles')]
                  .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
                  .map((e) => (e.id || e.className) + ' ' + e.scrollWidth + '>' + e.clientWidth)
                  .concat(document.documentElement.scrollWidth > window.innerWidth ? ['the page'] : []);""");
    }

    private void open(String path) {
        chromium.load("http://localhost:" + port + path, wait);
    }

    private void awaitLive() {
        dashboard.awaitLive();
    }

    private String status() {
        return dashboard.status();
    }

    private long boardSeq() {
        String seq = page.findElement(By.id("board")).getDomAttribute("data-seq");
        return seq == null ? 0 : Long.parseLong(seq);
    }

    private WebElement row(String symbol) {
        return page.findElement(By.cssSelector("#board tbody tr[data-symbol='" + symbol + "']"));
    }

    private List<String> visibleSymbols() {
        return page.findElements(By.cssSelector("#board tbody tr")).stream()
                .filter(WebElement::isDisplayed).map(row -> row.getDomAttribute("data-symbol")).toList();
    }

    private WebElement candles() {
        return page.findElement(By.id("candles"));
    }

    private String candlesLast() {
        String last = candles().getDomAttribute("data-last");
        return last == null ? "" : last;
    }

    private int candleBars() {
        String bars = candles().getDomAttribute("data-bars");
        return bars == null ? 0 : Integer.parseInt(bars);
    }
}

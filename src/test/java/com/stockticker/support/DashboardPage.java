package com.stockticker.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard as a user drives it: logging in, waiting for the live stream, placing an order from the ticket. */
public final class DashboardPage {

    private final HeadlessChromium chromium;
    private final WebDriver page;
    private final WebDriverWait wait;
    private final String base;

    /** @param base the service's address, e.g. {@code http://localhost:8080} */
    public DashboardPage(HeadlessChromium chromium, WebDriverWait wait, String base) {
        this.chromium = chromium;
        this.page = chromium.driver();
        this.wait = wait;
        this.base = base;
    }

    /** Logs in with the form and waits for the dashboard it leads to. */
    public void logIn(String username, String password) {
        chromium.load(base + "/login", wait);
        page.findElement(By.id("username")).sendKeys(username);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.waitForLoad(base + "/", wait);
    }

    public void awaitLive() {
        wait.until(driver -> "live".equals(status()));
    }

    /** The connection badge's state: {@code connecting}, {@code live}, {@code reconnecting} or {@code offline}. */
    public String status() {
        return page.findElement(By.id("status")).getDomAttribute("data-status");
    }

    /**
     * Sends the ticket as it stands, for {@code symbol} and, unless {@code null}, {@code quantity} (the side and
     * type are whatever the ticket shows: a market buy by default).
     */
    public void placeOrder(String symbol, String quantity) {
        new Select(page.findElement(By.id("order-symbol"))).selectByValue(symbol);
        if (quantity != null) {
            WebElement field = page.findElement(By.id("order-quantity"));
            field.clear();
            field.sendKeys(quantity);
        }
        page.findElement(By.id("order-submit")).click();
    }
}

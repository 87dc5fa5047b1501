package com.stockticker.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.stockticker.support.LenientHttp;
import com.stockticker.support.LiveServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which language the pages are in: the reader's choice (a cookie, set by the switch's {@code ?lang=}), else the
 * first supported language of {@code Accept-Language}, else English; and the page's words, its {@code lang} and
 * the words it hands to its scripts agree.
 */
@LiveServerTest
class LanguageIntegrationTest {

    private static final Pattern HTML_LANG = Pattern.compile("<html lang=\"([^\"]+)\"");
    private static final Pattern CONFIG = Pattern.compile("<script type=\"application/json\" id=\"ticker-config\">(.*?)</script>");

    @LocalServerPort
    int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = LenientHttp.to("http://localhost:" + port);
    }

    @Test
    void withoutAcceptLanguageThePageIsEnglish() {
        String page = get("/", null, null).getBody();

        assertThat(lang(page)).isEqualTo("en");
        JsonNode config = config(page);
        assertThat(config.get("locale").asString()).isEqualTo("en");
        assertThat(config.get("messages").get("js.status.live").asString()).isEqualTo("Live");
        assertThat(page).contains("<title>StockTicker</title>", ">Market<", ">Log in to trade<");
    }

    @Test
    void aChineseBrowserGetsTheChinesePageAndScriptWords() {
        String page = get("/", "zh-CN,zh;q=0.9,en;q=0.8", null).getBody();

        assertThat(lang(page)).isEqualTo("zh-CN");
        assertThat(page).contains("<title>StockTicker 实时行情</title>", ">行情<", ">登录后交易<", ">最新价<", ">成交量<");
        JsonNode config = config(page);
        assertThat(config.get("locale").asString()).isEqualTo("zh-CN");
        JsonNode messages = config.get("messages");
        assertThat(messages.get("js.status.live").asString()).isEqualTo("实时");
        assertThat(messages.get("error.UNKNOWN_SYMBOL").asString()).isEqualTo("本平台不交易该代码。");
        // Placeholders are left for the script to fill.
        assertThat(messages.get("js.ticket.filled").asString()).isEqualTo("已成交：{0}，成交价 {1}。");
        // Only what the scripts need: the page's own labels stay on the server.
        assertThat(messages.has("board.title")).isFalse();
    }

    @ParameterizedTest(name = "Accept-Language: {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "en-US,en;q=0.9 | en",
            "zh | zh-CN",
            "zh-Hans-CN | zh-CN",
            "zh-SG | zh-CN",
            "fr-FR, zh;q=0.8, en;q=0.5 | zh-CN",
            "de-DE, en;q=0.8, zh-CN;q=0.5 | en",
            // Traditional Chinese is not Simplified Chinese: the reader's next language decides.
            "zh-TW, en;q=0.5 | en",
            "zh-TW, zh;q=0.8 | zh-CN",
            "de | en" })
    void theFirstSupportedLanguageOfTheBrowserIsChosen(String acceptLanguage, String expected) {
        assertThat(lang(get("/", acceptLanguage, null).getBody())).isEqualTo(expected);
    }

    @Test
    void theSwitchIsRememberedInACookieThatOutweighsTheBrowser() {
        ResponseEntity<String> switched = get("/?lang=zh-CN", "en", null);

        assertThat(lang(switched.getBody())).isEqualTo("zh-CN");
        String cookie = cookie(switched);
        assertThat(cookie).startsWith(LanguageConfiguration.COOKIE + "=zh-CN;").contains("Max-Age=31536000", "HttpOnly", "SameSite=Lax");
        assertThat(lang(get("/", "en", "ticker-lang=zh-CN").getBody())).isEqualTo("zh-CN");
        assertThat(lang(get("/login", "en", "ticker-lang=zh-CN").getBody())).isEqualTo("zh-CN");

        ResponseEntity<String> back = get("/?lang=en", "zh-CN", "ticker-lang=zh-CN");
        assertThat(lang(back.getBody())).isEqualTo("en");
        assertThat(cookie(back)).startsWith(LanguageConfiguration.COOKIE + "=en;");
    }

    @Test
    void aLanguageWeDoNotSpeakFallsBackToTheBrowsersInsteadOfHalfApplying() {
        // A cookie or parameter for a language without a bundle would make lang="fr" over English words.
        assertThat(lang(get("/", "zh-CN", "ticker-lang=fr").getBody())).isEqualTo("zh-CN");
        ResponseEntity<String> unknown = get("/?lang=fr", "zh-CN", "ticker-lang=en");
        assertThat(lang(unknown.getBody())).isEqualTo("zh-CN");
        // The choice is cleared (Spring empties the cookie), and an empty cookie leaves it to the browser.
        assertThat(cookie(unknown)).startsWith(LanguageConfiguration.COOKIE + "=;");
        assertThat(lang(get("/", "zh-CN", "ticker-lang=").getBody())).isEqualTo("zh-CN");
        // Nonsense is ignored, not an error.
        ResponseEntity<String> nonsense = get("/?lang=%25%25", "en", "ticker-lang=@@@");
        assertThat(nonsense.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(lang(nonsense.getBody())).isEqualTo("en");
    }

    @Test
    void theLoginPageFollowsTheLanguageAndHasTheSwitch() {
        String page = get("/login?throttled=7", "zh-CN", null).getBody();

        assertThat(lang(page)).isEqualTo("zh-CN");
        assertThat(page).contains("<title>登录 · StockTicker</title>", "登录后交易", ">用户名<", ">密码<", "登录失败次数过多，请在 7 秒后重试。",
                "href=\"?lang=en\"", "href=\"?lang=zh-CN\"", "aria-label=\"语言\"");
        assertThat(get("/login?error", null, null).getBody()).contains("<html lang=\"en\"", "Wrong username or password.", "aria-label=\"Language\"");
    }

    private ResponseEntity<String> get(String path, String acceptLanguage, String cookie) {
        return http.get().uri(path).headers(headers -> {
            if (acceptLanguage != null) {
                headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
            }
            if (cookie != null) {
                headers.set(HttpHeaders.COOKIE, cookie);
            }
        }).retrieve().toEntity(String.class);
    }

    private static String cookie(ResponseEntity<String> response) {
        List<String> cookies = response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        return cookies.stream().filter(c -> c.startsWith(LanguageConfiguration.COOKIE + "=")).findFirst().orElse("");
    }

    private static String lang(String page) {
        Matcher matcher = HTML_LANG.matcher(page);
        assertThat(matcher.find()).as("<html lang> in the page").isTrue();
        return matcher.group(1);
    }

    private static JsonNode config(String page) {
        Matcher matcher = CONFIG.matcher(page);
        assertThat(matcher.find()).isTrue();
        return JsonMapper.builder().build().readTree(matcher.group(1));
    }
}

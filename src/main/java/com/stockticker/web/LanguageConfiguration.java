package com.stockticker.web;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Which language a page (and a problem's title) is in: the one the reader chose with the page's switch
 * ({@code ?lang=zh-CN}, remembered in a cookie), else the first of the browser's {@code Accept-Language} that
 * the dashboard speaks, else English. Spring MVC's own locale support does the work; {@link Languages} only says
 * which locales exist, so that a cookie or parameter naming another one falls back instead of half-applying.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration implements WebMvcConfigurer {

    static final String COOKIE = "ticker-lang";
    static final String PARAMETER = "lang";

    private final Languages languages = new Languages();

    /** The bean name is the one DispatcherServlet looks up, and makes Boot's own resolver back off. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE) {
            @Override
            protected Locale parseLocaleValue(String value) {
                return languages.supported(super.parseLocaleValue(value));
            }
        };
        resolver.setDefaultLocaleFunction(languages::negotiate);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        // A cookie that is not a locale at all is ignored like one we do not speak, rather than failing the request.
        resolver.setRejectInvalidCookies(false);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            // A language we do not speak (?lang=fr) clears the choice: the browser's languages decide again.
            @Override
            protected Locale parseLocaleValue(String value) {
                return languages.supported(super.parseLocaleValue(value));
            }
        };
        change.setParamName(PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}

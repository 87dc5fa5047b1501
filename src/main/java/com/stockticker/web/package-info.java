/**
 * The HTTP face: the dashboard and login pages, the REST API with its OpenAPI document, and the STOMP API's
 * AsyncAPI document and page, each in the reader's language.
 *
 * <p>It reads the other modules' public faces (quotes, trading, the wire shapes and error codes) and exposes no
 * type of its own: nothing depends on it.
 */
@ApplicationModule(displayName = "Web pages and APIs")
package com.stockticker.web;

import org.springframework.modulith.ApplicationModule;

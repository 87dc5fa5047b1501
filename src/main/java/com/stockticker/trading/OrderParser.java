package com.stockticker.trading;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * Reads an order message field by field, so that every mistake in it becomes a rejected order with a
 * reason that names the field, rather than a generic error.
 * <p>
 * Every other request is read by Jackson and checked by Bean Validation, its mistakes turned into error codes by
 * the two exception handlers ({@code messaging.MessagingExceptionHandler}, {@code web.ApiExceptionHandler}). An
 * order is the one exception: each mistake must be answered as a {@code REJECTED} order event that still carries
 * the {@code clientOrderId} and names the field with its own reason ({@code UNKNOWN_FIELD}, {@code MISSING_FIELD},
 * {@code INVALID_FIELD}, ...), whatever the order of the fields. Jackson stops at the first bad field without the
 * rest of the object (so without the {@code clientOrderId} when it comes later), and Bean Validation's violations
 * carry no such reason.
 */
@Component
class OrderParser {

    private static final Set<String> FIELDS = Set.of("clientOrderId", "symbol", "side", "type", "quantity", "limitPrice");
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /**
     * @throws RejectedMessageException if the body is not a JSON object at all
     * @throws OrderRejectedException if it is an object but not an order
     */
    OrderRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new RejectedMessageException(ErrorCode.INVALID_MESSAGE, "An order is a JSON object");
        }
        String clientOrderId = body.path("clientOrderId").isString() ? body.get("clientOrderId").asString() : null;
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new OrderRejectedException(clientOrderId, ErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'");
            }
        }
        text(body, "clientOrderId", clientOrderId);
        if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw invalid(clientOrderId, "clientOrderId must be 1-64 letters, digits, '.', '_', ':' or '-'");
        }
        String symbol = text(body, "symbol", clientOrderId);
        Side side = choice(Side.class, text(body, "side", clientOrderId), "side", clientOrderId);
        OrderType type = choice(OrderType.class, text(body, "type", clientOrderId), "type", clientOrderId);
        return new OrderRequest(clientOrderId, symbol, side, type, quantity(body, clientOrderId), limitPrice(body, clientOrderId));
    }

    private static String text(JsonNode body, String field, String clientOrderId) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new OrderRejectedException(clientOrderId, ErrorCode.MISSING_FIELD, "Missing field '" + field + "'");
        }
        if (!value.isString()) {
            throw invalid(clientOrderId, field + " must be a string");
        }
        return value.asString();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, String clientOrderId) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw invalid(clientOrderId, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'");
    }

    private static long quantity(JsonNode body, String clientOrderId) {
        JsonNode value = body.get("quantity");
        if (value == null || value.isNull()) {
            throw new OrderRejectedException(clientOrderId, ErrorCode.MISSING_FIELD, "Missing field 'quantity'");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new OrderRejectedException(clientOrderId, ErrorCode.INVALID_QUANTITY, "quantity must be a positive whole number");
        }
        return value.longValue();
    }

    private static BigDecimal limitPrice(JsonNode body, String clientOrderId) {
        JsonNode value = body.get("limitPrice");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new OrderRejectedException(clientOrderId, ErrorCode.INVALID_LIMIT_PRICE, "limitPrice must be a number");
        }
        return value.decimalValue();
    }

    private static OrderRejectedException invalid(String clientOrderId, String message) {
        return new OrderRejectedException(clientOrderId, ErrorCode.INVALID_FIELD, message);
    }
}

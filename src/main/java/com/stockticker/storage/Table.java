package com.stockticker.storage;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A table as the {@link Journal} writes it: rows are inserted once and then updated by key, both as plain SQL
 * that HSQLDB and PostgreSQL run alike. A row's values are in column order, the key columns first.
 *
 * @param keyCount how many of the first columns make the primary key
 */
public record Table(String name, int keyCount, List<Column> columns) {

    public Table {
        columns = List.copyOf(columns);
    }

    /** One column and its {@link java.sql.Types JDBC type}, which also types a {@code null}. */
    public record Column(String name, int sqlType) {
    }

    public String insertSql() {
        return "INSERT INTO " + name + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    int[] insertTypes() {
        return columns.stream().mapToInt(Column::sqlType).toArray();
    }

    String updateSql() {
        return "UPDATE " + name + " SET " + columns.subList(keyCount, columns.size()).stream().map(column -> column.name() + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE " + columns.subList(0, keyCount).stream().map(column -> column.name() + " = ?")
                .collect(Collectors.joining(" AND "));
    }

    /** The update's parameters are the values first and the key last. */
    int[] updateTypes() {
        return IntStream.of(updateOrder()).map(index -> columns.get(index).sqlType()).toArray();
    }

    Object[] updateArguments(Object[] row) {
        return IntStream.of(updateOrder()).mapToObj(index -> row[index]).toArray();
    }

    private int[] updateOrder() {
        return IntStream.concat(IntStream.range(keyCount, columns.size()), IntStream.range(0, keyCount)).toArray();
    }

    List<Object> key(Object[] row) {
        return java.util.Arrays.asList(row).subList(0, keyCount);
    }
}

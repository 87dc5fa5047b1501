package com.stockticker.storage;

/** One change that a {@link Journal} entry makes to the database. */
public sealed interface Change {

    /** A new row: its values in the table's column order. */
    record Insert(Table table, Object... row) implements Change {
    }

    /** The new values of a row that exists (or is inserted earlier in the journal), found by its key. */
    record Update(Table table, Object... row) implements Change {
    }

    /** Any other statement, such as a delete; the journal runs it in order with the rows around it. */
    record Statement(String sql, Object... arguments) implements Change {
    }
}

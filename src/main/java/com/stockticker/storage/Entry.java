package com.stockticker.storage;

import java.util.List;

/**
 * What one operation changed and what to do once that is committed, or once it never will be.
 *
 * @param owner whose state the changes belong to (a username), so that a recovery can withdraw them;
 *     {@code null} for changes of no one's state
 * @param committed runs after the batch holding the changes has committed, in journal order
 * @param failed runs instead if the changes were not stored
 */
public record Entry(String owner, List<Change> changes, Runnable committed, Runnable failed) {

    public Entry {
        changes = List.copyOf(changes);
    }
}

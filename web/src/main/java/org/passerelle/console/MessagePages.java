package org.passerelle.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.passerelle.tracking.MessageOrder;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.TrackedMessage;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The tracking table's rows, read a page at a time from the database in the order of the column
 * the person sorted by: the table never holds more than a page, however many messages match.
 * The column's field is mapped to a {@link MessageOrder} key, so nothing the browser sends reaches
 * the query but a known key.
 */
class MessagePages extends LazyDataModel<TrackedMessage> {

    /** The search the page shows, and the tracking log it reads. */
    interface Source extends Serializable {
        /** The search as typed, with that offset, limit and order; {@code null} when it cannot be searched. */
        MessageQuery query(int offset, int limit, MessageOrder order);

        List<TrackedMessage> page(MessageQuery query);

        long count(MessageQuery query);
    }

    private final Source source;
    private MessageOrder order = MessageOrder.NEWEST_FIRST;

    MessagePages(Source source) {
        this.source = source;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        MessageQuery query = source.query(0, 1, order);
        return query == null ? 0 : (int) Math.min(Integer.MAX_VALUE, source.count(query));
    }

    @Override
    public List<TrackedMessage> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        order = order(sortBy);
        MessageQuery query = source.query(first, Math.min(pageSize, MessageQuery.MAX_LIMIT), order);
        return query == null ? List.of() : source.page(query);
    }

    @Override
    public String getRowKey(TrackedMessage message) {
        return message.getQueueId();
    }

    @Override
    public TrackedMessage getRowData(String rowKey) {
        return getWrappedData() == null ? null : getWrappedData().stream()
                .filter(message -> message.getQueueId().equals(rowKey)).findFirst().orElse(null);
    }

    /** The order the table shows, for an export in the same order. */
    MessageOrder order() {
        return order;
    }

    /** The first sorted column's order; newest first when none is sorted. */
    static MessageOrder order(Map<String, SortMeta> sortBy) {
        if (sortBy == null) {
            return MessageOrder.NEWEST_FIRST;
        }
        return sortBy.values().stream()
                .filter(sort -> sort.getOrder() != null && sort.getOrder() != SortOrder.UNSORTED)
                .sorted((a, b) -> Integer.compare(a.getPriority(), b.getPriority()))
                .findFirst()
                .map(sort -> new MessageOrder(MessageOrder.key(sort.getField()), sort.getOrder() == SortOrder.ASCENDING))
                .orElse(MessageOrder.NEWEST_FIRST);
    }
}

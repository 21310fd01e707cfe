namespace ChatServer.LoadTest.Accounting;

/// <summary>The end-of-run delivery figures.</summary>
/// <param name="Expected">Each acknowledged message times the members of its room (the sender included).</param>
/// <param name="Delivered">Every receipt, duplicates included.</param>
/// <param name="UniqueDelivered">Receipts of acknowledged messages, each (message, receiver) once.</param>
/// <param name="Lost">Expected minus unique delivered.</param>
/// <param name="Unexpected">Receipts of messages whose send was never acknowledged (timed out or failed late).</param>
internal sealed record DeliveryTotals(
    long Expected,
    long Delivered,
    long UniqueDelivered,
    long Lost,
    long Duplicates,
    long OutOfOrder,
    long Unexpected,
    IReadOnlyDictionary<string, long> OutOfOrderByRoom);

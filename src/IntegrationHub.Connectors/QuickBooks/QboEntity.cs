using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.QuickBooks.Mapping;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.QuickBooks;

/// <summary>
/// One QBO entity as the connector serves it: its name (JSON wrapper, query and CDC name), URL segment, whether it is a
/// name list (inactive rows hidden from queries unless asked for; never deleted, only made inactive), the field that keeps
/// the hub's reference (null: QBO has none for it), and its inbound mapping.
/// </summary>
public sealed record QboEntity(string Canonical, string Name, bool NameList, string? ReferenceField, string? NameField, Func<JsonElement, JsonObject> ToCanonical)
{
    public string Segment => Name.ToLowerInvariant();

    public static readonly IReadOnlyList<QboEntity> All =
    [
        new(CanonicalEntities.Customer, "Customer", true, "Notes", "DisplayName", QboCustomerMapping.ToCanonical),
        new(CanonicalEntities.Item, "Item", true, null, "Name", QboItemMapping.ToCanonical),
        new(CanonicalEntities.Account, "Account", true, null, "Name", QboAccountMapping.ToCanonical),
        new(CanonicalEntities.Invoice, "Invoice", false, "PrivateNote", null, QboTransactionMapping.InvoiceToCanonical),
        new(CanonicalEntities.Payment, "Payment", false, null, null, QboPaymentMapping.ToCanonical),
        new(CanonicalEntities.CreditNote, "CreditMemo", false, "PrivateNote", null, QboTransactionMapping.CreditMemoToCanonical),
    ];

    public static QboEntity For(string canonical) =>
        All.FirstOrDefault(e => e.Canonical == canonical)
        ?? throw new ConnectorException(ErrorClass.Permanent, $"QuickBooks Online does not sync the entity '{canonical}'.");
}

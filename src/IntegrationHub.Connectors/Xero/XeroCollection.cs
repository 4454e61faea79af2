using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Xero.Mapping;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Xero;

/// <summary>
/// One Xero collection as the connector serves it: its name (URL segment and JSON array), id field, the <c>where</c>
/// filter that keeps it to the sales side (ACCREC invoices, ACCRECCREDIT credit notes, receivable payments), whether it
/// pages, and the field that keeps the hub's reference (Contacts: ContactNumber; invoices and credit notes: Reference).
/// </summary>
public sealed record XeroCollection(string Canonical, string Name, string IdField, string? SalesFilter, bool Paged, string? ReferenceField)
{
    public static readonly IReadOnlyList<XeroCollection> All =
    [
        new(CanonicalEntities.Customer, "Contacts", "ContactID", null, true, "ContactNumber"),
        new(CanonicalEntities.Item, "Items", "ItemID", null, false, null),
        new(CanonicalEntities.Account, "Accounts", "AccountID", null, false, null),
        new(CanonicalEntities.Invoice, "Invoices", "InvoiceID", "Type==\"ACCREC\"", true, "Reference"),
        new(CanonicalEntities.Payment, "Payments", "PaymentID", "PaymentType==\"ACCRECPAYMENT\"", true, null),
        new(CanonicalEntities.CreditNote, "CreditNotes", "CreditNoteID", "Type==\"ACCRECCREDIT\"", true, "Reference"),
    ];

    public static XeroCollection For(string canonical) =>
        All.FirstOrDefault(c => c.Canonical == canonical)
        ?? throw new ConnectorException(ErrorClass.Permanent, $"Xero does not sync the entity '{canonical}'.");

    /// <summary>Invoice and credit note lines name items by code; these collections need the item lookup to map lines.</summary>
    public bool HasLines => Canonical is CanonicalEntities.Invoice or CanonicalEntities.CreditNote;

    public (JsonObject Canonical, bool Deleted) ToCanonical(JsonObject raw, IReadOnlyDictionary<string, string> itemIdsByCode) => Canonical switch
    {
        CanonicalEntities.Customer => XeroContactMapping.ToCanonical(raw),
        CanonicalEntities.Item => XeroItemMapping.ToCanonical(raw),
        CanonicalEntities.Account => XeroAccountMapping.ToCanonical(raw),
        CanonicalEntities.Invoice => XeroDocumentMapping.InvoiceToCanonical(raw, itemIdsByCode),
        CanonicalEntities.CreditNote => XeroDocumentMapping.CreditNoteToCanonical(raw, itemIdsByCode),
        _ => XeroPaymentMapping.ToCanonical(raw),
    };
}

namespace IntegrationHub.Simulators.Xero;

/// <summary>
/// What differs between Xero collections: the id field, the per-item error flag the schema names
/// (HasErrors vs HasValidationErrors vs none), paging, and the webhook event category.
/// </summary>
public sealed record XeroCollection(string Name, string Single, string IdField, string? ErrorFlag, bool HasStatusAttribute, bool Paged, string? EventCategory);

public static class XeroCollections
{
    public static readonly XeroCollection Contacts = new("Contacts", "Contact", "ContactID", "HasValidationErrors", true, true, "CONTACT");
    public static readonly XeroCollection Items = new("Items", "Item", "ItemID", null, true, false, null);
    public static readonly XeroCollection Accounts = new("Accounts", "Account", "AccountID", null, false, false, null);
    public static readonly XeroCollection Invoices = new("Invoices", "Invoice", "InvoiceID", "HasErrors", true, true, "INVOICE");
    public static readonly XeroCollection Payments = new("Payments", "Payment", "PaymentID", "HasValidationErrors", true, true, null);
    public static readonly XeroCollection CreditNotes = new("CreditNotes", "CreditNote", "CreditNoteID", "HasErrors", true, true, "CREDITNOTE");

    public static readonly XeroCollection[] All = [Contacts, Items, Accounts, Invoices, Payments, CreditNotes];

    public static XeroCollection? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

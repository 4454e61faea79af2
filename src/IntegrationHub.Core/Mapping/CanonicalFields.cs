using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// The leaf fields of each canonical entity (the shapes documented on <see cref="CanonicalEntities"/>), as mapping paths
/// with "[]" for array elements. The default mapping is the identity over these.
/// </summary>
public static class CanonicalFields
{
    private static readonly string[] Address = ["line1", "line2", "city", "region", "postalCode", "country"];
    private static readonly string[] Line = ["description", "itemId", "quantity", "unitPrice", "amount", "taxCode", "accountCode"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByEntity = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanonicalEntities.Customer] = ["name", "companyName", "email", "phone", "currency", "taxNumber", "active", .. Address.Select(a => "billingAddress." + a)],
        [CanonicalEntities.Item] = ["name", "sku", "description", "type", "unitPrice", "incomeAccountCode", "active"],
        [CanonicalEntities.Account] = ["code", "name", "type", "class", "currency", "active"],
        [CanonicalEntities.Invoice] = ["number", "customerId", "issueDate", "dueDate", "currency", "status", "reference",
            .. Line.Select(l => "lines[]." + l), "subtotal", "taxTotal", "total", "amountPaid", "amountDue", "paidDate"],
        [CanonicalEntities.Payment] = ["date", "amount", "currency", "customerId", "reference", "allocations[].invoiceId", "allocations[].amount"],
        [CanonicalEntities.CreditNote] = ["number", "customerId", "issueDate", "currency", "status", "reference",
            .. Line.Select(l => "lines[]." + l), "subtotal", "taxTotal", "total", "remainingCredit"],
        [CanonicalEntities.Project] = ["name", "customerId", "status"],
    };

    public static IReadOnlyList<string> For(string entity) => ByEntity.TryGetValue(entity, out var fields) ? fields : [];

    public static bool HasCurrency(string entity) => For(entity).Contains("currency");
}

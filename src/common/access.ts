/**
 * What a member of a live document may do with its text: decided by the documents module (the owning module's
 * rules), carried by the live protocol to the browser. A leaf file: the browser client's bundle imports it.
 */
export type Access = 'edit' | 'view';

// claimline: in Pagefind mode Material's search box keeps working, but its search worker
// (lunr, about 40 KB) has nothing to search: the hook points Material at this stand-in,
// which answers Material's messages (0 setup -> 1 ready, 2 query -> 3 result) with no
// results, and claimline-pagefind.js fills the list.
addEventListener("message", function (event) {
  postMessage(event.data && event.data.type === 0 ? { type: 1 } : { type: 3, data: { items: [] } });
});

// a second click sends nothing; a resent form carries the same key and answers the same allocation
document.getElementById('randomise').addEventListener('submit', function () {
  document.getElementById('confirm').disabled = true;
});

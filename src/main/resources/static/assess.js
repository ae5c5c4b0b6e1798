(function () {
  var form = document.getElementById('assessment');
  var min = Number(form.dataset.min), max = Number(form.dataset.max);
  var reversed = form.dataset.reversed ? form.dataset.reversed.split(',').map(Number) : [];
  var inputs = Array.prototype.slice.call(form.querySelectorAll('input.item'));
  function update() {
    var total = 0, answered = 0, bad = [];
    inputs.forEach(function (input, index) {
      if (input.value === '') { input.setCustomValidity(''); return; }
      var value = Number(input.value);
      if (!Number.isInteger(value) || value < min || value > max) {
        input.setCustomValidity('Item ' + (index + 1) + ' must be a whole number from ' + min + ' to ' + max);
        bad.push(index + 1);
        return;
      }
      input.setCustomValidity('');
      answered++;
      total += reversed.indexOf(index + 1) >= 0 ? min + max - value : value;
    });
    document.getElementById('total').textContent = total;
    document.getElementById('answered').textContent = answered;
    var problem = document.getElementById('problem');
    problem.hidden = bad.length === 0;
    problem.textContent = bad.length ? 'Out of range: item ' + bad.join(', item ') + ' (allowed ' + min + ' to ' + max + ')' : '';
  }
  inputs.forEach(function (input) { input.addEventListener('input', update); });
  form.addEventListener('submit', function () { document.getElementById('save').disabled = true; });
  update();
})();
